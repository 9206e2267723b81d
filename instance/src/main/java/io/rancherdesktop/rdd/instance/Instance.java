package io.rancherdesktop.rdd.instance;

import java.util.Map;

/**
 * One rdd instance, identified by its suffix ({@code RDD_INSTANCE}, default {@code 2}).
 * Every name, path and port of the instance derives from the suffix (docs/design/upstream-cli.md §2).
 */
public record Instance(String suffix) {
    public static final String DEFAULT_SUFFIX = "2";
    public static final String ENV_INSTANCE = "RDD_INSTANCE";

    public Instance {
        if (suffix == null || suffix.isEmpty()) {
            throw new IllegalArgumentException("instance suffix must not be empty");
        }
        if (suffix.contains("/") || suffix.contains("\\") || suffix.equals(".") || suffix.equals("..")) {
            throw new IllegalArgumentException("invalid instance suffix \"" + suffix + "\": it must not contain path separators");
        }
    }

    /** The instance selected by the environment ({@code RDD_INSTANCE}) or the default. */
    public static Instance fromEnvironment(Map<String, String> env) {
        String s = env.get(ENV_INSTANCE);
        return new Instance(s == null || s.isEmpty() ? DEFAULT_SUFFIX : s);
    }

    /** {@code rancher-desktop-<suffix>}. */
    public String name() {
        return "rancher-desktop-" + suffix;
    }

    /**
     * The suffix as an integer when it is in 1..99; otherwise {@code 100 + (sum of char codes mod 100)}.
     * Ports are offset by this index so that instances do not collide.
     */
    public int index() {
        try {
            int n = Integer.parseInt(suffix); // like Go's strconv.Atoi: "007" is 7
            if (n >= 1 && n <= 99) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // fall through to the character hash
        }
        int sum = 0;
        for (int i = 0; i < suffix.length(); i++) {
            sum += suffix.charAt(i);
        }
        return 100 + (sum % 100);
    }

    public int apiServerPort() {
        return 6443 + index();
    }

    public int k3sPort() {
        return 7441 + index();
    }

    public int metricsPort() {
        return 8082 + 4 * index();
    }

    public int healthPort() {
        return 8083 + 4 * index();
    }

    /** Docker and kube context name for this instance. */
    public String contextName() {
        return name();
    }
}
