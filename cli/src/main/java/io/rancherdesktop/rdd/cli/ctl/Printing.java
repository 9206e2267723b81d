package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.wire.Json;
import io.rancherdesktop.rdd.wire.JsonPath;
import io.rancherdesktop.rdd.wire.Yaml;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints objects in the non-table formats (name, json, yaml, jsonpath, go-template, custom-columns). */
final class Printing {
    private Printing() {
    }

    private static List<Item> withoutManagedFields(List<Item> items) {
        List<Item> out = new ArrayList<>(items.size());
        for (Item i : items) {
            if (ApiObjects.metadata(i.object()).containsKey("managedFields")) {
                Map<String, Object> copy = new LinkedHashMap<>(i.object());
                ApiObjects.mutableMap(copy, "metadata").remove("managedFields");
                out.add(new Item(i.type(), copy));
            } else {
                out.add(i);
            }
        }
        return out;
    }

    /** kubectl's wrapper for several objects. */
    static Map<String, Object> list(List<Item> items) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("apiVersion", "v1");
        List<Object> objs = new ArrayList<>();
        for (Item i : items) {
            objs.add(i.object());
        }
        l.put("items", objs);
        l.put("kind", "List");
        l.put("metadata", Map.of("resourceVersion", ""));
        return l;
    }

    /**
     * @param single whether one object was asked for by name (printed bare, not in a List)
     */
    static void print(PrintStream out, OutputFormat format, List<Item> items, boolean single, boolean noHeaders) {
        print(out, format, items, single, noHeaders, false);
    }

    /**
     * @param showManagedFields keep {@code metadata.managedFields} in json/yaml output (kubectl drops it by default)
     */
    static void print(PrintStream out, OutputFormat format, List<Item> items, boolean single, boolean noHeaders, boolean showManagedFields) {
        if (!showManagedFields && (format instanceof OutputFormat.JsonOut || format instanceof OutputFormat.YamlOut)) {
            items = withoutManagedFields(items);
        }
        Object root = single && items.size() == 1 ? items.getFirst().object() : list(items);
        // instanceof, not a type switch over the sealed formats: a pattern switch spins a class at first use, which
        // shows in a CLI command's start-up.
        if (format instanceof OutputFormat.Name) {
                StringBuilder sb = new StringBuilder();
                for (Item i : items) {
                    sb.append(i.qualifiedName()).append('\n');
                }
                out.print(sb);
        } else if (format instanceof OutputFormat.JsonOut) {
            out.print(Json.writeIndented(root, "    ") + "\n");
        } else if (format instanceof OutputFormat.YamlOut) {
            out.print(Yaml.write(root));
        } else if (format instanceof OutputFormat.JsonPathOut jp) {
            out.print(jp.template().execute(root));
        } else if (format instanceof OutputFormat.GoTemplateOut gt) {
            try {
                out.print(gt.template().execute(root));
            } catch (IllegalArgumentException e) {
                out.flush();
                throw io.rancherdesktop.rdd.cli.CliException.plain(io.rancherdesktop.rdd.cli.ExitCodes.GENERIC,
                        "error: error executing template \"" + gt.source() + "\": " + e.getMessage());
            }
        } else if (format instanceof OutputFormat.CustomColumns cc) {
                List<List<String>> rows = new ArrayList<>();
                if (!noHeaders) {
                    rows.add(cc.headers());
                }
                for (Item i : items) {
                    List<String> row = new ArrayList<>();
                    for (JsonPath p : cc.paths()) {
                        List<Object> vals = p.select(i.object());
                        StringBuilder cell = new StringBuilder();
                        for (Object v : vals) {
                            cell.append(cell.isEmpty() ? "" : ",").append(JsonPath.format(v));
                        }
                        row.add(vals.isEmpty() ? "<none>" : cell.toString());
                    }
                    rows.add(row);
                }
                out.print(Tables.render(rows));
        } else {
            throw new IllegalStateException("tables are printed by the get command");
        }
        out.flush();
    }
}
