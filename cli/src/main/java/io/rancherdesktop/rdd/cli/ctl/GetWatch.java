package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.wire.ApiException;
import io.rancherdesktop.rdd.wire.ApiResource;
import io.rancherdesktop.rdd.wire.KubeApi;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code rdd ctl get -w}: prints each change as it comes. The watch resumes from the last resource version when
 * the server ends it, and re-lists (without printing) when that version has expired (410), so it runs until
 * interrupted.
 */
final class GetWatch {
    private final CtlSession session;
    private final PrintStream out;
    private final OutputFormat format;
    private final TableView table;
    private final boolean noHeaders;

    GetWatch(CtlSession session, PrintStream out, OutputFormat format, TableView table, boolean noHeaders) {
        this.session = session;
        this.out = out;
        this.format = format;
        this.table = table;
        this.noHeaders = noHeaders;
    }

    void run(ApiResource type, String namespace, List<String> names, String selector, String fieldSelector) throws ApiException {
        String fields = fieldSelector;
        if (names.size() == 1) {
            String byName = "metadata.name=" + names.getFirst();
            fields = fields == null || fields.isEmpty() ? byName : fields + "," + byName;
        }
        String path = GetCommand.listPath(type, namespace, selector, fields);
        String accept = table != null ? KubeApi.ACCEPT_TABLE : null;
        String rv = null;
        while (true) {
            if (rv == null) {
                Map<String, Object> list = session.call(api -> api.get(path));
                rv = ApiObjects.string(ApiObjects.metadata(list).get("resourceVersion"));
            }
            String from = rv;
            try (WatchStream w = session.call(api -> WatchStream.open(api, path, from, accept, Instant.MAX))) {
                for (Optional<Map<String, Object>> ev = w.next(); ev.isPresent(); ev = w.next()) {
                    String t = ApiObjects.string(ev.get().get("type"));
                    Map<String, Object> obj = ApiObjects.map(ev.get().get("object"));
                    if (t.equals("ERROR")) {
                        rv = null; // typically 410 Gone: list again for a fresh version
                        break;
                    }
                    String objRv = ApiObjects.string(ApiObjects.metadata(obj).get("resourceVersion"));
                    if (!objRv.isEmpty()) {
                        rv = objRv;
                    }
                    if (t.equals("BOOKMARK")) {
                        continue;
                    }
                    print(type, obj);
                }
            } catch (ApiException e) {
                if (e.code() != 410) {
                    throw e;
                }
                rv = null;
            }
        }
    }

    private void print(ApiResource type, Map<String, Object> obj) {
        if (table != null) {
            out.print(table.renderMore(table.rowsOf(type, obj), noHeaders));
            out.flush();
            return;
        }
        Printing.print(out, format, List.of(Item.of(type, obj)), true, true);
        if (format instanceof OutputFormat.JsonPathOut) {
            out.println();
        }
    }
}
