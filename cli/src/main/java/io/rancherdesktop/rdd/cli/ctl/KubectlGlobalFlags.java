package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.wire.GoDuration;

import io.rancherdesktop.rdd.cli.CliException;
import io.rancherdesktop.rdd.cli.ExitCodes;
import io.rancherdesktop.rdd.instance.InstancePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * kubectl's global flags for {@code rdd ctl}, wherever they stand, and the verb found as kubectl finds it, so that
 * {@code rdd ctl -n NS get …} works like {@code kubectl -n NS get …}.
 *
 * <p>kubectl (cobra's {@code Command.Find}) looks for the verb by skipping flags: {@code --flag value} and
 * {@code -f value} take the next word as their value unless the flag is one of the root command's booleans;
 * {@code --flag=value}, {@code -fvalue} and {@code -f=value} stand alone. So a value flag of the verb itself
 * ({@code -o name}, {@code -l app=x}) may come first too, while a boolean of the verb ({@code -A}, {@code -w},
 * {@code --no-headers}) swallows the verb and kubectl gives up with "flags cannot be placed before plugin name".
 * rdd does the same, then moves the verb to the front for the subcommand's own parser.
 *
 * @param requestTimeout {@code --request-timeout}: a deadline for each non-watch request; zero means none
 * @param verbosity {@code -v/--v}: accepted for kubectl's sake; rdd's own {@code --log-level} sets its logging
 */
public record KubectlGlobalFlags(Duration requestTimeout, int verbosity) {
    public static final KubectlGlobalFlags NONE = new KubectlGlobalFlags(Duration.ZERO, 0);

    /** {@code rdd ctl} arguments with the verb first and the global flags taken out. */
    public record Parsed(List<String> args, KubectlGlobalFlags flags) {
    }

    /** The root booleans of kubectl 1.32 that do not take the next word (rdd serves none of them). */
    private static final Set<String> ROOT_BOOLEANS = Set.of("--insecure-skip-tls-verify", "--match-server-version",
            "--warnings-as-errors", "--disable-compression");

    /** The verbs with {@code -n/--namespace} of their own; the others accept and ignore it, as in kubectl. */
    private static final Set<String> NAMESPACED_VERBS = Set.of("get", "describe", "delete", "patch", "apply", "wait",
            "annotate", "wait-condition", "logs", "top", "prune", "exec", "create");
    /**
     * The verbs with docker's flag syntax ({@code run -v SRC:DST}, a command after the image): kubectl's global
     * flags are only taken before the verb, everything after it is theirs.
     */
    private static final Set<String> DOCKER_VERBS = Set.of("run");

    /**
     * Parses the arguments after {@code ctl}.
     *
     * @param verbs the subcommands of {@code rdd ctl}
     * @param instanceKubeconfig the instance's kubeconfig, the only one {@code --kubeconfig} may name
     */
    public static Parsed parse(List<String> argv, Set<String> verbs, Path instanceKubeconfig) {
        int verbAt = verbIndex(argv);
        if (verbAt < 0) {
            return new Parsed(argv, NONE); // no verb: picocli prints the usage or the error
        }
        String verb = argv.get(verbAt);
        if (!verbs.contains(verb)) {
            if (argv.getFirst().startsWith("-")) {
                throw CliException.plain(ExitCodes.GENERIC, "Error: flags cannot be placed before plugin name: " + argv.getFirst());
            }
            return new Parsed(argv, NONE); // picocli: unknown command
        }
        List<String> rest = new ArrayList<>(argv.size());
        rest.add(verb);
        Duration timeout = Duration.ZERO;
        int verbosity = 0;
        boolean keepNamespace = NAMESPACED_VERBS.contains(verb);
        for (int i = 0; i < argv.size(); i++) {
            if (i == verbAt) {
                continue;
            }
            String a = argv.get(i);
            if (a.equals("--")) {
                rest.addAll(argv.subList(i, argv.size()));
                break;
            }
            if (i > verbAt && DOCKER_VERBS.contains(verb)) {
                rest.addAll(argv.subList(i, argv.size()));
                break;
            }
            Flag f = Flag.of(a);
            if (f == null) {
                rest.add(a);
                continue;
            }
            String value = f.value;
            if (value == null) {
                if (i + 1 >= argv.size() || i + 1 == verbAt) {
                    String which = a.startsWith("--") ? a : "'" + a.charAt(1) + "' in " + a;
                    throw CliException.plain(ExitCodes.GENERIC, "Error: flag needs an argument: " + which + "\nSee 'rdd ctl " + verb + " --help' for usage.");
                }
                value = argv.get(++i);
            }
            switch (f.name) {
                case "namespace" -> {
                    if (keepNamespace) {
                        rest.add("--namespace=" + value);
                    }
                }
                case "request-timeout" -> timeout = requestTimeout(value);
                case "v" -> verbosity = verbosity(value);
                case "kubeconfig" -> checkKubeconfig(value, instanceKubeconfig);
                case "context" -> checkName(value, "Error in configuration: context was not found for specified context: " + value);
                case "cluster" -> checkName(value, "error: no server found for cluster \"" + value + "\"");
                case "user" -> checkName(value, "error: auth info \"" + value + "\" does not exist");
                default -> throw new IllegalStateException(f.name);
            }
        }
        return new Parsed(List.copyOf(rest), new KubectlGlobalFlags(timeout, verbosity));
    }

    /** Where kubectl finds the verb: the first word that no flag takes as its value; -1 if there is none. */
    static int verbIndex(List<String> argv) {
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("--")) {
                return -1;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                return a.isEmpty() ? -1 : i;
            }
            boolean takesNext = !a.contains("=") && (a.startsWith("--") ? !ROOT_BOOLEANS.contains(a) : a.length() == 2);
            if (takesNext) {
                i++;
            }
        }
        return -1;
    }

    /** A global flag as written: its name and the value attached to it ({@code =v}, {@code -nNS}), or null. */
    private record Flag(String name, String value) {
        static Flag of(String a) {
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                String n = eq < 0 ? a.substring(2) : a.substring(2, eq);
                return switch (n) {
                    case "namespace", "request-timeout", "v", "kubeconfig", "context", "cluster", "user" ->
                            new Flag(n, eq < 0 ? null : a.substring(eq + 1));
                    default -> null;
                };
            }
            if (a.startsWith("-") && a.length() >= 2 && (a.charAt(1) == 'n' || a.charAt(1) == 'v')) {
                String n = a.charAt(1) == 'n' ? "namespace" : "v";
                String v = a.length() == 2 ? null : a.charAt(2) == '=' ? a.substring(3) : a.substring(2);
                return new Flag(n, v);
            }
            return null;
        }
    }

    /** kubectl's rule: whole seconds, or a Go duration; zero (or less) means no deadline. */
    static Duration requestTimeout(String value) {
        try {
            return Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException notSeconds) {
            try {
                return io.rancherdesktop.rdd.wire.GoDuration.parse(value);
            } catch (IllegalArgumentException e) {
                throw CliException.plain(ExitCodes.GENERIC, "error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer"
                        + " followed by a corresponding time unit (e.g. 1s | 2m | 3h)");
            }
        }
    }

    private static int verbosity(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw CliException.plain(ExitCodes.GENERIC, "Error: invalid argument \"" + value + "\" for \"-v, --v\" flag: strconv.ParseInt: parsing \""
                    + value + "\": invalid syntax");
        }
    }

    /** The instance kubeconfig has one context, cluster and user, all named {@value InstancePaths#KUBECONFIG_NAME}. */
    private static void checkName(String value, String error) {
        if (!value.isEmpty() && !value.equals(InstancePaths.KUBECONFIG_NAME)) {
            throw CliException.plain(ExitCodes.GENERIC, error);
        }
    }

    /** {@code rdd ctl} talks to its instance only: another kubeconfig is refused rather than silently ignored. */
    private static void checkKubeconfig(String value, Path instanceKubeconfig) {
        if (value.isEmpty()) {
            return;
        }
        Path p = Path.of(value);
        boolean same;
        try {
            same = Files.exists(p) && Files.exists(instanceKubeconfig) && Files.isSameFile(p, instanceKubeconfig);
        } catch (IOException e) {
            same = false;
        }
        if (!same && !p.toAbsolutePath().normalize().equals(instanceKubeconfig.toAbsolutePath().normalize())) {
            throw CliException.plain(ExitCodes.GENERIC, "error: rdd ctl talks to its instance's control plane only (kubeconfig " + instanceKubeconfig
                    + "), not to " + value + "; use kubectl --kubeconfig " + value + " for another cluster");
        }
    }
}
