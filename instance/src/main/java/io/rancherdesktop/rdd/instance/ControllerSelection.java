package io.rancherdesktop.rdd.instance;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which controllers run, from the {@code --controllers} spec of docs/design/upstream-cli.md §7: comma-separated controller
 * names or groups, {@code *} for all, a leading {@code -} excludes; a controller runs when it is included and
 * not excluded; an empty spec means none (there are no always-on builtin controllers in this product).
 */
public record ControllerSelection(Set<String> enabled) {

    /** Controller names, in start order. */
    public static final List<String> ALL = List.of("app", "vm", "engine", "containernamespace", "container", "image", "volume", "request");

    /** Groups and the controllers they stand for. {@code lima} is kept as an alias of {@code vm}. */
    public static final Map<String, List<String>> GROUPS = Map.of(
            "rdd", ALL,
            "app", List.of("app", "vm"),
            "vm", List.of("vm"),
            "lima", List.of("vm"),
            "containers", List.of("engine", "containernamespace", "container", "image", "volume", "request"));

    public ControllerSelection {
        enabled = Set.copyOf(enabled);
    }

    public static ControllerSelection all() {
        return new ControllerSelection(Set.copyOf(ALL));
    }

    /**
     * Parses a spec. Unknown names are an error naming the valid ones. A name that is both a controller and a
     * group (e.g. {@code app}) selects the group, as upstream does.
     */
    public static ControllerSelection parse(String spec) {
        Set<String> include = new LinkedHashSet<>();
        Set<String> exclude = new LinkedHashSet<>();
        if (spec != null && !spec.isBlank()) {
            for (String raw : spec.split(",")) {
                String item = raw.trim();
                if (item.isEmpty()) {
                    continue;
                }
                boolean negative = item.startsWith("-");
                String name = negative ? item.substring(1) : item;
                List<String> members = expand(name);
                (negative ? exclude : include).addAll(members);
            }
        }
        include.removeAll(exclude);
        return new ControllerSelection(include);
    }

    private static List<String> expand(String name) {
        if (name.equals("*")) {
            return ALL;
        }
        List<String> group = GROUPS.get(name);
        if (group != null) {
            return group;
        }
        if (ALL.contains(name)) {
            return List.of(name);
        }
        throw new IllegalArgumentException("unknown controller or group \"" + name + "\"; valid controllers: "
                + String.join(", ", ALL) + "; groups: " + String.join(", ", new java.util.TreeSet<>(GROUPS.keySet())) + ", *");
    }

    public boolean isEnabled(String controller) {
        return enabled.contains(controller);
    }

    /** Enabled controllers in start order. */
    public List<String> ordered() {
        return ALL.stream().filter(enabled::contains).toList();
    }
}
