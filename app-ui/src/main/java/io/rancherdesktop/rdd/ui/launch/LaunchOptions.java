package io.rancherdesktop.rdd.ui.launch;

import io.rancherdesktop.rdd.logging.LogLevel;
import io.rancherdesktop.rdd.instance.Instance;

import java.util.List;
import java.util.Map;

/**
 * The command line of {@code rdd-gui}: {@code [--instance NAME] [--hidden] [--log-level LEVEL] [--help]}.
 * The instance comes from {@code --instance}, else {@code RDD_INSTANCE}, else the default, as in the CLI.
 */
public record LaunchOptions(Instance instance, boolean hidden, LogLevel logLevel, boolean help) {

    public static final String USAGE = """
            Usage: rdd-gui [--instance NAME] [--hidden] [--log-level LEVEL]

            The rdd desktop app. Starts the rdd service for the instance in this process unless one is already
            running (then it attaches to it), and shows the machine, containers, images and volumes.

              --instance NAME    instance to use (default: $RDD_INSTANCE, else 2)
              --hidden           start in the system tray without opening the window
              --log-level LEVEL  fatal, error, warning (default), info, debug or trace (env RDD_LOG_LEVEL)
              --help             show this help
            """;

    /** A bad command line; the message says what is wrong. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    public static LaunchOptions parse(List<String> args, Map<String, String> env) {
        String instance = null;
        boolean hidden = false;
        boolean help = false;
        String level = env.get("RDD_LOG_LEVEL");
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--hidden")) {
                hidden = true;
            } else if (a.equals("--help") || a.equals("-h")) {
                help = true;
            } else if (a.equals("--instance") || a.equals("--log-level")) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("-")) {
                    throw new UsageException("flag needs an argument: " + a);
                }
                String v = args.get(++i);
                if (a.equals("--instance")) {
                    instance = v;
                } else {
                    level = v;
                }
            } else if (a.startsWith("--instance=")) {
                instance = a.substring("--instance=".length());
            } else if (a.startsWith("--log-level=")) {
                level = a.substring("--log-level=".length());
            } else {
                throw new UsageException("unknown argument \"" + a + "\"");
            }
        }
        Instance inst;
        try {
            inst = instance == null || instance.isEmpty() ? Instance.fromEnvironment(env) : new Instance(instance);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        LogLevel logLevel = LogLevel.WARN;
        if (level != null && !level.isEmpty()) {
            String l = level;
            logLevel = LogLevel.parse(l).orElseThrow(() -> new UsageException("not a valid logrus Level: \"" + l + "\""));
        }
        return new LaunchOptions(inst, hidden, logLevel, help);
    }
}
