package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.wire.ApiResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows of {@code rdd ctl get} from server-side {@code Table} responses (the printer columns of the type, as
 * kubectl shows them), or NAME/AGE when the server sent plain objects.
 */
final class TableView {
    private final boolean wide;
    private final boolean namespaceColumn;
    private final ApiResource kindPrefix;
    private final boolean showLabels;
    private List<String> headers;
    private List<String> columnTypes;
    private List<Integer> columns;
    private boolean tableColumns;
    private final List<List<String>> rows = new ArrayList<>();
    private int[] widths = new int[0];

    /**
     * @param kindPrefix when not null, names are shown as {@code kind/name}
     */
    TableView(boolean wide, boolean namespaceColumn, ApiResource kindPrefix, boolean showLabels) {
        this.wide = wide;
        this.namespaceColumn = namespaceColumn;
        this.kindPrefix = kindPrefix;
        this.showLabels = showLabels;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Adds the rows of a response: a Table, a list, or one object. */
    void add(ApiResource type, Map<String, Object> resp) {
        rows.addAll(rowsOf(type, resp));
    }

    /** The rows of one response without adding them (for watch events). */
    List<List<String>> rowsOf(ApiResource type, Map<String, Object> resp) {
        List<List<String>> out = new ArrayList<>();
        if ("Table".equals(resp.get("kind"))) {
            defineColumns(ApiObjects.list(resp.get("columnDefinitions")));
            for (Object r : ApiObjects.list(resp.get("rows"))) {
                Map<String, Object> row = ApiObjects.map(r);
                List<Object> cells = ApiObjects.list(row.get("cells"));
                Map<String, Object> meta = ApiObjects.metadata(ApiObjects.map(row.get("object")));
                List<String> line = new ArrayList<>();
                if (namespaceColumn) {
                    line.add(ApiObjects.string(meta.get("namespace")));
                }
                for (int k = 0; k < columns.size(); k++) {
                    int c = columns.get(k);
                    String cell = c < cells.size() ? Tables.cell(cells.get(c), columnTypes.get(k)) : "";
                    if (k == 0 && kindPrefix != null) {
                        cell = kindPrefix.kindPrefix() + "/" + cell;
                    }
                    line.add(cell);
                }
                if (showLabels) {
                    line.add(labels(ApiObjects.map(meta.get("labels"))));
                }
                out.add(line);
            }
            return out;
        }
        if (headers == null) {
            headers = new ArrayList<>(List.of("NAME", "AGE"));
            columnTypes = List.of("string", "date");
            columns = List.of(0, 1);
        }
        List<Object> objects = resp.containsKey("items") ? ApiObjects.list(resp.get("items")) : List.of(resp);
        for (Object o : objects) {
            Map<String, Object> meta = ApiObjects.metadata(ApiObjects.map(o));
            List<String> line = new ArrayList<>();
            if (namespaceColumn) {
                line.add(ApiObjects.string(meta.get("namespace")));
            }
            String name = ApiObjects.string(meta.get("name"));
            line.add(kindPrefix != null ? kindPrefix.kindPrefix() + "/" + name : name);
            line.add(Tables.ageOf(ApiObjects.string(meta.get("creationTimestamp"))));
            if (showLabels) {
                line.add(labels(ApiObjects.map(meta.get("labels"))));
            }
            out.add(line);
        }
        return out;
    }

    private void defineColumns(List<Object> defs) {
        if (tableColumns) {
            return; // every response of one type has the same columns
        }
        tableColumns = true;
        headers = new ArrayList<>();
        columnTypes = new ArrayList<>();
        columns = new ArrayList<>();
        for (int i = 0; i < defs.size(); i++) {
            Map<String, Object> d = ApiObjects.map(defs.get(i));
            if (visible(d)) {
                headers.add(ApiObjects.string(d.get("name")).toUpperCase(Locale.ROOT));
                columnTypes.add(ApiObjects.string(d.get("type")));
                columns.add(i);
            }
        }
    }

    private boolean visible(Map<String, Object> d) {
        return wide || !(d.get("priority") instanceof Number p) || p.intValue() == 0;
    }

    private List<String> header() {
        List<String> h = new ArrayList<>();
        if (namespaceColumn) {
            h.add("NAMESPACE");
        }
        h.addAll(headers == null ? List.of("NAME", "AGE") : headers);
        if (showLabels) {
            h.add("LABELS");
        }
        return h;
    }

    static String labels(Map<String, Object> labels) {
        if (labels.isEmpty()) {
            return "<none>";
        }
        StringBuilder sb = new StringBuilder();
        for (var e : new TreeMap<>(labels).entrySet()) {
            sb.append(sb.isEmpty() ? "" : ",").append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    /** The whole table; remembers the column widths for rows printed later (watch). */
    String render(boolean noHeaders) {
        List<List<String>> all = new ArrayList<>();
        if (!noHeaders) {
            all.add(header());
        }
        all.addAll(rows);
        remember(all);
        return pad(all);
    }

    /** Rows printed after the table (watch events), aligned with it where they fit. */
    String renderMore(List<List<String>> more, boolean noHeaders) {
        List<List<String>> all = new ArrayList<>();
        if (widths.length == 0 && !noHeaders) {
            all.add(header());
        }
        all.addAll(more);
        remember(all);
        return pad(all);
    }

    private void remember(List<List<String>> all) {
        for (List<String> row : all) {
            if (widths.length < row.size()) {
                widths = java.util.Arrays.copyOf(widths, row.size());
            }
            for (int i = 0; i < row.size() - 1; i++) {
                widths[i] = Math.max(widths[i], Math.max(6, row.get(i).codePointCount(0, row.get(i).length()) + 3));
            }
        }
    }

    private String pad(List<List<String>> all) {
        StringBuilder sb = new StringBuilder();
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                sb.append(cell);
                if (i < row.size() - 1) {
                    sb.append(" ".repeat(Math.max(0, widths[i] - cell.codePointCount(0, cell.length()))));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
