package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.CliException;
import io.rancherdesktop.rdd.cli.ExitCodes;
import io.rancherdesktop.rdd.wire.GoTemplate;
import io.rancherdesktop.rdd.wire.JsonPath;
import java.util.ArrayList;
import java.util.List;

/** The {@code -o} formats of kubectl that {@code rdd ctl} supports. */
sealed interface OutputFormat {
    /** The default table, or {@code -o wide}. */
    record Table(boolean wide) implements OutputFormat {
    }

    record Name() implements OutputFormat {
    }

    record JsonOut() implements OutputFormat {
    }

    record YamlOut() implements OutputFormat {
    }

    record JsonPathOut(JsonPath template) implements OutputFormat {
    }

    /** {@code go-template=…} or {@code template=…} (or {@code go-template-file=}/{@code templatefile=} a file). */
    record GoTemplateOut(GoTemplate template, String source) implements OutputFormat {
    }

    /** {@code custom-columns=HEADER:.path,…}. */
    record CustomColumns(List<String> headers, List<JsonPath> paths) implements OutputFormat {
    }

    String ALLOWED = "custom-columns, go-template, go-template-file, json, jsonpath, name, template, templatefile, wide, yaml";

    /** Parses {@code -o}; null or empty is the table. */
    static OutputFormat parse(String o) {
        if (o == null || o.isEmpty()) {
            return new Table(false);
        }
        if (o.equals("wide")) {
            return new Table(true);
        }
        if (o.equals("name")) {
            return new Name();
        }
        if (o.equals("json")) {
            return new JsonOut();
        }
        if (o.equals("yaml")) {
            return new YamlOut();
        }
        if (o.startsWith("jsonpath=") || o.startsWith("jsonpath-as-text=")) {
            String t = o.substring(o.indexOf('=') + 1);
            if (t.isEmpty()) {
                throw CliException.plain(ExitCodes.GENERIC, "error: template format specified but no template given");
            }
            try {
                return new JsonPathOut(JsonPath.parse(t));
            } catch (IllegalArgumentException e) {
                throw CliException.plain(ExitCodes.GENERIC, "error: error parsing jsonpath " + t + ", " + e.getMessage());
            }
        }
        for (String prefix : List.of("go-template=", "template=", "go-template-file=", "templatefile=")) {
            if (o.startsWith(prefix)) {
                String t = o.substring(prefix.length());
                if (prefix.endsWith("file=")) {
                    try {
                        t = java.nio.file.Files.readString(java.nio.file.Path.of(t));
                    } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
                        throw CliException.plain(ExitCodes.GENERIC, "error: error reading template " + t + ", " + e.getMessage());
                    }
                }
                if (t.isEmpty()) {
                    throw CliException.plain(ExitCodes.GENERIC, "error: template format specified but no template given");
                }
                try {
                    return new GoTemplateOut(GoTemplate.parse(t), t);
                } catch (IllegalArgumentException e) {
                    throw CliException.plain(ExitCodes.GENERIC, "error: error parsing template " + t + ", " + e.getMessage());
                }
            }
        }
        if (o.startsWith("custom-columns=")) {
            List<String> headers = new ArrayList<>();
            List<JsonPath> paths = new ArrayList<>();
            for (String spec : o.substring("custom-columns=".length()).split(",")) {
                int colon = spec.indexOf(':');
                if (colon <= 0) {
                    throw CliException.plain(ExitCodes.GENERIC, "error: unexpected custom-columns spec: " + spec + ", expected <header>:<json-path-expr>");
                }
                headers.add(spec.substring(0, colon));
                String expr = spec.substring(colon + 1);
                if (!expr.startsWith("{")) {
                    expr = "{" + (expr.startsWith(".") ? "" : ".") + expr + "}";
                }
                paths.add(JsonPath.parse(expr));
            }
            return new CustomColumns(headers, paths);
        }
        throw CliException.plain(ExitCodes.GENERIC, "error: unable to match a printer suitable for the output format \"" + o
                + "\", allowed formats are: " + ALLOWED);
    }
}
