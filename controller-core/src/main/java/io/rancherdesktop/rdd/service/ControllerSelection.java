package io.rancherdesktop.rdd.service;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code --controllers} grammar of spec/cli.md §7: comma-separated controller names or groups
 * ({@code rdd}, {@code app}, {@code containers}, {@code lima}); {@code *} means all; a leading {@code -} excludes;
 * builtin controllers are always on; an empty spec means builtin only. A controller runs when it is included and
 * not excluded.
 *
 * @param included names or groups included ({@code *} for all)
 * @param excluded names or groups excluded
 */
public record ControllerSelection(List<String> included, List<String> excluded) {
    private static final Pattern TOKEN = Pattern.compile("\\*|[a-z0-9]([a-z0-9.-]*[a-z0-9])?");

    public ControllerSelection {
        included = List.copyOf(included);
        excluded = List.copyOf(excluded);
    }

    /** Parses a spec; a token that is not {@code *} or a lower-case name is an error naming it. */
    public static ControllerSelection parse(String spec) {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        if (spec == null) {
            spec = "*";
        }
        for (String raw : spec.split(",", -1)) {
            String t = raw.trim();
            if (t.isEmpty()) {
                continue;
            }
            boolean exclude = t.startsWith("-");
            String name = exclude ? t.substring(1) : t;
            if (!TOKEN.matcher(name).matches()) {
                throw new IllegalArgumentException("invalid controller name \"" + t + "\" in --controllers \"" + spec
                        + "\": expected comma-separated names or groups, * for all, a leading - to exclude");
            }
            (exclude ? out : in).add(name);
        }
        return new ControllerSelection(in, out);
    }

    /**
     * Whether a controller runs.
     *
     * @param name    the controller's name
     * @param groups  the groups it belongs to
     * @param builtin builtin controllers always run
     */
    public boolean enabled(String name, List<String> groups, boolean builtin) {
        if (builtin) {
            return true;
        }
        boolean in = included.contains("*") || included.contains(name) || groups.stream().anyMatch(included::contains);
        boolean out = excluded.contains("*") || excluded.contains(name) || groups.stream().anyMatch(excluded::contains);
        return in && !out;
    }
}
