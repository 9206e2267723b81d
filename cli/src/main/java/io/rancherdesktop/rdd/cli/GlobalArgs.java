package io.rancherdesktop.rdd.cli;

import io.rancherdesktop.rdd.logging.LogLevel;
import io.rancherdesktop.rdd.instance.DeveloperMode;
import io.rancherdesktop.rdd.instance.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What must be known before any logger exists: the instance ({@code --instance} as the first argument
 * only, docs/design/upstream-cli.md §1), the log level and the log format. {@code --log-level}/{@code --log-format} stay in
 * the argument list so picocli also accepts them; their values are read here first.
 */
public record GlobalArgs(Instance instance, LogLevel logLevel, String logFormat, boolean developerMode, List<String> args) {

    public static GlobalArgs parse(String[] argv, Map<String, String> env) {
        List<String> args = new ArrayList<>(List.of(argv));
        String instanceOverride = null;
        if (!args.isEmpty()) {
            String first = args.getFirst();
            if (first.equals("--instance")) {
                args.removeFirst();
                if (!args.isEmpty() && !args.getFirst().startsWith("-")) {
                    instanceOverride = args.removeFirst();
                }
            } else if (first.startsWith("--instance=")) {
                args.removeFirst();
                instanceOverride = first.substring("--instance=".length());
            }
        }
        Instance instance;
        try {
            instance = instanceOverride == null || instanceOverride.isEmpty()
                    ? Instance.fromEnvironment(env) : new Instance(instanceOverride);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        boolean dev = DeveloperMode.enabled(env);

        String levelText = flagValue(args, "--log-level");
        if (levelText == null) {
            levelText = env.get("RDD_LOG_LEVEL");
            if (levelText != null && levelText.isEmpty()) {
                levelText = null;
            }
        }
        LogLevel level;
        if (levelText == null) {
            level = dev ? LogLevel.DEBUG : LogLevel.WARN;
        } else {
            String t = levelText;
            level = LogLevel.parse(t).orElseThrow(() -> CliException.usage("not a valid logrus Level: \"" + t + "\""));
        }
        String format = flagValue(args, "--log-format");
        if (format == null) {
            format = "text";
        } else if (!format.equals("text") && !format.equals("json")) {
            throw CliException.usage("invalid log format \"" + format + "\"; valid formats: text, json");
        }
        return new GlobalArgs(instance, level, format, dev, List.copyOf(args));
    }

    /** The value of the last {@code --flag=v} or {@code --flag v} before a {@code --} separator. */
    private static String flagValue(List<String> args, String flag) {
        String value = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                break;
            }
            if (a.startsWith(flag + "=")) {
                value = a.substring(flag.length() + 1);
            } else if (a.equals(flag) && i + 1 < args.size()) {
                value = args.get(++i);
            }
        }
        return value;
    }
}
