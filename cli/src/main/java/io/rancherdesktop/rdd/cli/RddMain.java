package io.rancherdesktop.rdd.cli;

import io.rancherdesktop.rdd.cli.ctl.CtlCommand;
import io.rancherdesktop.rdd.cli.ctl.KubectlGlobalFlags;
import io.rancherdesktop.rdd.logging.LeanLoggerProvider;
import io.rancherdesktop.rdd.logging.LogbackSetup;
import io.rancherdesktop.rdd.logging.Markers;
import io.rancherdesktop.rdd.instance.InstancePaths;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Entry point of the {@code rdd} command line. */
public final class RddMain {
    private RddMain() {
    }

    public static void main(String[] argv) {
        main(argv, List.of());
    }

    /**
     * The process entry point with the {@code svc} subcommands that live above the CLI's layer (the launcher adds
     * {@code svc serve}, which needs the service runtime; the lean CLI must not depend on it).
     */
    public static void main(String[] argv, List<Class<?>> serviceCommands) {
        configureShortLivedProcess(argv);
        int rc = run(argv, System.getenv(), System.out, serviceCommands);
        System.out.flush();
        System.err.flush();
        if (rc != 0) {
            // Runtime.exit logs through System.Logger, which initialises java.util.logging (several ms); the CLI has
            // no shutdown hooks to run. A zero status simply returns from main.
            Runtime.getRuntime().halt(rc);
        }
    }

    /**
     * Process set-up before anything logs or opens a socket. The long-running service ({@code svc serve}) keeps the
     * defaults. Every other, short-lived command avoids the JDK's and SLF4J's service-loader scans, each of which
     * opens every one of the ~60 jars on the class path (20-30 ms apiece): it logs through the lean stderr logger
     * instead of logback, and names the platform's NIO selector provider, which {@code SocketChannel.open} would
     * otherwise look up as a service. Process entry points call this; in-process callers keep the JVM's settings.
     */
    static void configureShortLivedProcess(String[] argv) {
        if (servesTheControlPlane(argv)) {
            return;
        }
        System.setProperty("slf4j.provider", LeanLoggerProvider.class.getName());
        System.setProperty("slf4j.internal.verbosity", "WARN");
        String selector = switch (io.rancherdesktop.rdd.instance.Platform.current()) {
            case LINUX -> "sun.nio.ch.EPollSelectorProvider";
            case MACOS -> "sun.nio.ch.KQueueSelectorProvider";
            case WINDOWS -> "sun.nio.ch.WEPollSelectorProvider";
        };
        if (System.getProperty(SELECTOR_PROVIDER_PROPERTY) == null && jdkHas(selector)) {
            System.setProperty(SELECTOR_PROVIDER_PROPERTY, selector);
        }
    }

    private static final String SELECTOR_PROVIDER_PROPERTY = "java.nio.channels.spi.SelectorProvider";

    /** Whether the JDK has this (internal) class; if a JDK renames it, the default lookup applies. */
    private static boolean jdkHas(String className) {
        try {
            Class.forName(className, false, null);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean servesTheControlPlane(String[] argv) {
        for (int i = 0; i + 1 < argv.length; i++) {
            if ((argv[i].equals("svc") || argv[i].equals("service")) && argv[i + 1].equals("serve")) {
                return true;
            }
        }
        return false;
    }

    /** Runs one command line and returns its exit code (docs/design/upstream-cli.md §3). */
    public static int run(String[] argv, Map<String, String> env, PrintStream out) {
        return run(argv, env, out, List.of());
    }

    /** As {@link #run(String[], Map, PrintStream)}, with extra {@code svc} subcommands (see {@link #main(String[], List)}). */
    public static int run(String[] argv, Map<String, String> env, PrintStream out, List<Class<?>> serviceCommands) {
        GlobalArgs global;
        try {
            global = GlobalArgs.parse(argv, env);
        } catch (CliException e) {
            System.setProperty(LogbackSetup.LEVEL_PROPERTY, "info");
            fatal(e.getMessage());
            return e.exitCode();
        }
        System.setProperty(LogbackSetup.LEVEL_PROPERTY, global.logLevel().logrusName());
        System.setProperty(LogbackSetup.FORMAT_PROPERTY, global.logFormat());
        LogbackSetup.setLevel(global.logLevel());
        InstancePaths paths = InstancePaths.forInstance(global.instance());
        List<String> args = global.args();
        KubectlGlobalFlags kubectlFlags = KubectlGlobalFlags.NONE;
        int ctlAt = ctlIndex(args);
        if (ctlAt >= 0) {
            // kubectl's global flags may stand before the verb (rdd ctl -n NS get …): the verb goes first for the parsers.
            try {
                var parsed = KubectlGlobalFlags.parse(args.subList(ctlAt + 1, args.size()), CtlCommand.VERBS, paths.config());
                List<String> normalized = new ArrayList<>(args.subList(0, ctlAt + 1));
                normalized.addAll(parsed.args());
                args = normalized;
                kubectlFlags = parsed.flags();
            } catch (CliException e) {
                out.flush();
                System.err.println(e.getMessage());
                return e.exitCode();
            }
        }
        CliContext ctx = new CliContext(global, paths, env, out, kubectlFlags);
        if (!args.isEmpty() && args.getFirst().equals("kubectl")) {
            // kubectl's arguments are its own (-h, -n, --log-level …): no picocli parsing at all.
            try {
                return KubectlCommand.run(ctx, args.subList(1, args.size()));
            } catch (CliException e) {
                fatal(e.getMessage());
                return e.exitCode();
            }
        }
        var fast = FastPath.parse(ctx, args);
        if (fast.isPresent()) {
            try {
                return fast.get().call();
            } catch (Exception e) {
                return handle(ctx, e);
            }
        }
        CommandLine cl = commandLine(ctx, serviceCommands);
        return cl.execute(args.toArray(String[]::new));
    }

    /** Where {@code ctl} stands in the arguments (after rdd's own --log-level/--log-format only), or -1. */
    static int ctlIndex(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--log-level") || a.equals("--log-format")) {
                i++;
            } else if (!a.startsWith("--log-level=") && !a.startsWith("--log-format=")) {
                return a.equals("ctl") ? i : -1;
            }
        }
        return -1;
    }

    static CommandLine commandLine(CliContext ctx) {
        return commandLine(ctx, List.of());
    }

    static CommandLine commandLine(CliContext ctx, List<Class<?>> serviceCommands) {
        ContextFactory factory = new ContextFactory(ctx);
        CommandLine cl = new CommandLine(RddCommand.class, factory);
        CommandLine svc = cl.getSubcommands().get("service");
        for (Class<?> c : serviceCommands) {
            svc.addSubcommand(new CommandLine(c, factory));
        }
        cl.setOut(new java.io.PrintWriter(ctx.out(), true));
        // A repeated flag's later value wins, as with Go's pflag: args.json relies on it ("--secure-port" twice).
        cl.setOverwrittenOptionsAllowed(true);
        // rdd ctl run IMAGE COMMAND...: everything after the image is the container's command, flags included (docker run).
        CommandLine ctlCommand = cl.getSubcommands().get("ctl");
        if (ctlCommand != null && ctlCommand.getSubcommands().containsKey("run")) {
            ctlCommand.getSubcommands().get("run").setStopAtPositional(true);
        }
        cl.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.GENERIC).exitCodeOnExecutionException(ExitCodes.GENERIC);
        if (!ctx.global().developerMode()) {
            hideDeveloperParts(cl);
        }
        cl.setParameterExceptionHandler((ex, args) -> {
            String msg = ex.getMessage();
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
                String arg = u.getUnmatched().getFirst();
                msg = arg.startsWith("-") ? "unknown flag: " + arg.split("=", 2)[0] : "unknown command \"" + arg + "\" for \"" + ex.getCommandLine().getCommandName() + "\"";
            }
            fatal(msg);
            return ExitCodes.GENERIC;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ctx, ex));
        return cl;
    }

    /** Reports a command's failure and returns its exit code. */
    private static int handle(CliContext ctx, Exception ex) {
        if (ex instanceof CliException ce) {
            if (ce.plain()) {
                ctx.out().flush();
                System.err.println(ce.getMessage());
                System.err.flush();
            } else if (ce.getMessage() != null && !ce.getMessage().isEmpty()) {
                fatal(ce.getMessage());
            }
            return ce.exitCode();
        }
        if (ex instanceof io.rancherdesktop.rdd.wire.ApiException ae) {
            // rdd ctl speaks like kubectl: "Error from server (NotFound): …", exit 1
            ctx.out().flush();
            System.err.println(ae.kubectlMessage());
            System.err.flush();
            return ExitCodes.GENERIC;
        }
        LoggerFactory.getLogger(RddMain.class).error(Markers.FATAL, "{}", ex.toString(), ex);
        return ExitCodes.GENERIC;
    }

    /** Outside developer mode, {@code ctl} and the {@code --controllers}/{@code --secure-port} flags are hidden from help (docs/design/upstream-cli.md §1). */
    private static void hideDeveloperParts(CommandLine root) {
        CommandLine ctl = root.getSubcommands().get("ctl");
        if (ctl != null) {
            ctl.getCommandSpec().usageMessage().hidden(true);
        }
        CommandLine svc = root.getSubcommands().get("service");
        if (svc == null) {
            return;
        }
        for (CommandLine sub : svc.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            for (String flag : List.of("--controllers", "--secure-port")) {
                OptionSpec o = spec.findOption(flag);
                if (o != null && !o.hidden()) {
                    spec.remove(o);
                    spec.addOption(OptionSpec.builder(o).hidden(true).build());
                }
            }
        }
    }

    private static void fatal(String msg) {
        Logger log = LoggerFactory.getLogger(RddMain.class);
        log.error(Markers.FATAL, "{}", msg);
    }

    /** Creates commands that take a {@link CliContext}; everything else (picocli's own classes) the default way. */
    private record ContextFactory(CliContext ctx) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                Constructor<K> c = cls.getDeclaredConstructor(CliContext.class);
                return c.newInstance(ctx);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
