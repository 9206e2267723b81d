package io.rancherdesktop.rdd.instance;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of {@code rdd svc serve} as {@code svc create} saves them and {@code svc start} passes them
 * (docs/design/upstream-cli.md §7). Flags may repeat; the later one wins, as with Go's pflag, so a one-off override is simply
 * appended to the saved list.
 */
public final class ServiceArgs {
    public static final String SECURE_PORT = "--secure-port";
    public static final String CONTROLLERS = "--controllers";
    public static final String VERBOSITY = "-v";
    /** Every controller. */
    public static final String ALL_CONTROLLERS = "*";

    private ServiceArgs() {
    }

    /**
     * What {@code svc create} writes: {@code ["--secure-port","<6443+index>", …positional, "--controllers","<spec>",
     * (explicit "--secure-port","<p>"), "-v","<k>"]}.
     *
     * @param controllers the {@code --controllers} spec ({@code *} when not given)
     * @param securePort  an explicit {@code --secure-port}, or null
     * @param verbosity   2 for debug, 4 for trace, 0 otherwise
     */
    public static List<String> forCreate(Instance instance, List<String> positional, String controllers, Integer securePort, int verbosity) {
        List<String> args = new ArrayList<>();
        args.add(SECURE_PORT);
        args.add(Integer.toString(instance.apiServerPort()));
        args.addAll(positional);
        args.add(CONTROLLERS);
        args.add(controllers == null ? ALL_CONTROLLERS : controllers);
        if (securePort != null) {
            args.add(SECURE_PORT);
            args.add(securePort.toString());
        }
        args.add(VERBOSITY);
        args.add(Integer.toString(verbosity));
        return List.copyOf(args);
    }

    /** The saved arguments plus this run's one-off overrides (null = not overridden) and verbosity. */
    public static List<String> withOverrides(List<String> saved, String controllers, Integer securePort, int verbosity) {
        List<String> args = new ArrayList<>(saved);
        if (controllers != null) {
            args.add(CONTROLLERS);
            args.add(controllers);
        }
        if (securePort != null) {
            args.add(SECURE_PORT);
            args.add(securePort.toString());
        }
        args.add(VERBOSITY);
        args.add(Integer.toString(verbosity));
        return List.copyOf(args);
    }

    /** The value of the last occurrence of {@code flag} ({@code --flag v} or {@code --flag=v}), or null. */
    public static String lastValue(List<String> args, String flag) {
        String value = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals(flag) && i + 1 < args.size()) {
                value = args.get(++i);
            } else if (a.startsWith(flag + "=")) {
                value = a.substring(flag.length() + 1);
            }
        }
        return value;
    }

    /** A valid TCP port for {@code --secure-port}, or an error message. */
    public static int parsePort(String text) {
        int p;
        try {
            p = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid --secure-port \"" + text + "\": not a number");
        }
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("invalid --secure-port " + p + ": must be between 1 and 65535");
        }
        return p;
    }
}
