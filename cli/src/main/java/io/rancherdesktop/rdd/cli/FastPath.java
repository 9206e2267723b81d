package io.rancherdesktop.rdd.cli;

import io.rancherdesktop.rdd.cli.ctl.GetCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Runs the hot commands ({@code version}, {@code svc paths}, {@code svc status}, {@code ctl get}) without building
 * the picocli model. picocli's classes use a pre-Java-6 class-file format, which the JDK's AOT cache cannot store
 * and the old verifier checks slowly: building the model costs 60-120 ms, more than the rest of such a command.
 * The fast path fills the same command objects and calls them; anything it does not fully understand (help, an
 * unknown flag, {@code --}) goes to picocli, so behaviour and messages stay picocli's.
 */
final class FastPath {
    private FastPath() {
    }

    /** The command to run, or empty to let picocli parse. */
    static Optional<Callable<Integer>> parse(CliContext ctx, List<String> argv) {
        List<String> args = withoutGlobalFlags(argv);
        if (args == null || args.isEmpty()) {
            return Optional.empty();
        }
        String first = args.getFirst();
        if (args.size() == 1 && first.equals("version")) {
            return Optional.of(new VersionCommand(ctx));
        }
        if (args.size() == 1 && (first.equals("--version") || first.startsWith("--version="))) {
            String mode = first.equals("--version") ? "true" : first.substring("--version=".length());
            return Optional.of(() -> {
                VersionCommand.print(ctx, mode);
                return ExitCodes.OK;
            });
        }
        if ((first.equals("svc") || first.equals("service")) && args.size() >= 2) {
            List<String> rest = args.subList(2, args.size());
            return switch (args.get(1)) {
                case "status" -> rest.isEmpty() ? Optional.of(new SvcStatusCommand(ctx)) : Optional.empty();
                case "paths" -> paths(ctx, rest);
                default -> Optional.empty();
            };
        }
        if (first.equals("ctl") && args.size() >= 2 && args.get(1).equals("get")) {
            io.rancherdesktop.rdd.wire.UnixHttpClient.prewarm();
            return GetCommand.fastParse(ctx, args.subList(2, args.size())).map(c -> c);
        }
        return Optional.empty();
    }

    private static Optional<Callable<Integer>> paths(CliContext ctx, List<String> rest) {
        PathsCommand p = new PathsCommand(ctx);
        p.output = "table";
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            if (a.equals("-o") || a.equals("--output")) {
                if (i + 1 >= rest.size()) {
                    return Optional.empty();
                }
                p.output = rest.get(++i);
            } else if (a.startsWith("--output=")) {
                p.output = a.substring("--output=".length());
            } else if (a.startsWith("-o=")) {
                p.output = a.substring(3);
            } else if (a.startsWith("-")) {
                return Optional.empty();
            } else if (p.key == null) {
                p.key = a;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(p);
    }

    /** The arguments without {@code --log-level}/{@code --log-format} (GlobalArgs has read them); null on {@code --}. */
    static List<String> withoutGlobalFlags(List<String> argv) {
        List<String> out = new ArrayList<>(argv.size());
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("--")) {
                return null;
            }
            if (a.equals("--log-level") || a.equals("--log-format")) {
                i++;
            } else if (!a.startsWith("--log-level=") && !a.startsWith("--log-format=")) {
                out.add(a);
            }
        }
        return out;
    }
}
