package io.rancherdesktop.rdd.instance;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Map;
import java.util.Optional;

/**
 * Developer mode (docs/design/upstream-cli.md §1): {@code RDD_DEVELOPER_MODE} parsed as a Go-style boolean
 * (unparseable → off); when unset, on when the running code sits in this repository's build tree
 * ({@code <repo>/<module>/target/classes} in tests, {@code <repo>/launcher/target/lib/rdd-instance-….jar} for
 * {@code ./rdd}, next to {@code <repo>/mvnw}).
 */
public final class DeveloperMode {
    public static final String ENV = "RDD_DEVELOPER_MODE";

    private DeveloperMode() {
    }

    public static boolean enabled(Map<String, String> env) {
        String v = env.get(ENV);
        if (v != null) {
            return parseBool(v).orElse(false);
        }
        return runningFromBuildTree();
    }

    /** Go's strconv.ParseBool. */
    public static Optional<Boolean> parseBool(String v) {
        return switch (v) {
            case "1", "t", "T", "TRUE", "true", "True" -> Optional.of(true);
            case "0", "f", "F", "FALSE", "false", "False" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    static boolean runningFromBuildTree() {
        CodeSource cs = DeveloperMode.class.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return false;
        }
        try {
            Path p = Path.of(cs.getLocation().toURI()); // …/<module>/target/classes or …/launcher/target/lib/x.jar
            Path target = p.getParent();
            if (target != null && target.getFileName() != null && target.getFileName().toString().equals("lib")) {
                target = target.getParent();
            }
            if (target == null || target.getFileName() == null || !target.getFileName().toString().equals("target")) {
                return false;
            }
            Path module = target.getParent();
            Path repo = module == null ? null : module.getParent();
            return repo != null && Files.isRegularFile(module.resolve("pom.xml")) && Files.isRegularFile(repo.resolve("mvnw"));
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return false;
        }
    }
}
