package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.CliContext;
import io.rancherdesktop.rdd.cli.ExitCodes;
import io.rancherdesktop.rdd.wire.ApiException;
import io.rancherdesktop.rdd.wire.ApiResource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rdd ctl describe}: kubectl's generic describer (the object's fields in Title Case, then its events). */
@Command(name = "describe", description = "Show details of a resource or group of resources.")
public final class DescribeCommand implements Callable<Integer> {
    private static final Set<String> SHOWN_FIRST = Set.of("name", "namespace", "labels", "annotations", "managedFields");
    private final CtlSession session;

    @Parameters(paramLabel = "TYPE [NAME…] | TYPE/NAME", arity = "1..*")
    List<String> args = new ArrayList<>();

    @Mixin
    NamespaceOptions ns;

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR")
    String selector;

    @Option(names = "--show-events", arity = "0..1", defaultValue = "true", fallbackValue = "true", paramLabel = "BOOL")
    boolean showEvents;

    public DescribeCommand(CliContext ctx) {
        this.session = new CtlSession(ctx);
    }

    @Override
    public Integer call() throws ApiException {
        Selection sel = Selection.parse(session, args, "describe");
        List<Item> items = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Selection.Target t : sel.targets()) {
            String namespace = t.type().namespaced() && !ns.allNamespaces ? ns.namespace() : null;
            if (t.names().isEmpty()) {
                Map<String, Object> list = session.call(api -> api.get(GetCommand.listPath(t.type(), namespace, selector, null)));
                for (Object o : ApiObjects.list(list.get("items"))) {
                    items.add(Item.of(t.type(), ApiObjects.map(o)));
                }
            } else {
                for (String name : t.names()) {
                    try {
                        items.add(Item.of(t.type(), session.call(api -> api.get(t.type().path(namespace, name)))));
                    } catch (ApiException e) {
                        errors.add(e.kubectlMessage());
                    }
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append("\n\n");
            }
            describe(sb, items.get(i));
        }
        session.out().print(sb);
        session.out().flush();
        if (items.isEmpty() && errors.isEmpty()) {
            System.err.println("No resources found in " + ns.namespace() + " namespace.");
        }
        for (String e : errors) {
            System.err.println(e);
        }
        return errors.isEmpty() ? ExitCodes.OK : ExitCodes.GENERIC;
    }

    private void describe(StringBuilder sb, Item item) throws ApiException {
        Map<String, Object> obj = item.object();
        Map<String, Object> meta = ApiObjects.metadata(obj);
        List<String[]> head = new ArrayList<>();
        head.add(new String[] {"Name:", item.name()});
        if (item.type().namespaced()) {
            head.add(new String[] {"Namespace:", item.namespace()});
        }
        List<String> labels = pairs(ApiObjects.map(meta.get("labels")), "=");
        Map<String, Object> shownAnnotations = new TreeMap<>(ApiObjects.map(meta.get("annotations")));
        shownAnnotations.remove(ApplyCommand.LAST_APPLIED); // kubectl describe leaves it out too
        List<String> annotations = pairs(shownAnnotations, ": ");
        head.add(new String[] {"Labels:", labels.isEmpty() ? "<none>" : String.join("\n              ", labels)});
        head.add(new String[] {"Annotations:", annotations.isEmpty() ? "<none>" : String.join("\n              ", annotations)});
        head.add(new String[] {"API Version:", ApiObjects.string(obj.get("apiVersion"))});
        head.add(new String[] {"Kind:", ApiObjects.string(obj.get("kind"))});
        for (String[] h : head) {
            sb.append(h[0]).append(" ".repeat(Math.max(1, 14 - h[0].length()))).append(h[1]).append('\n');
        }
        Map<String, Object> rest = new TreeMap<>(obj);
        rest.remove("apiVersion");
        rest.remove("kind");
        Map<String, Object> otherMeta = new TreeMap<>(meta);
        otherMeta.keySet().removeAll(SHOWN_FIRST);
        if (!otherMeta.isEmpty()) {
            rest.put("metadata", otherMeta);
        } else {
            rest.remove("metadata");
        }
        fields(sb, rest, 0);
        if (showEvents) {
            events(sb, item);
        }
    }

    private static List<String> pairs(Map<String, Object> m, String sep) {
        List<String> out = new ArrayList<>();
        new TreeMap<>(m).forEach((k, v) -> out.add(k + sep + String.valueOf(v).strip()));
        return out;
    }

    /** Nested fields, kubectl style: {@code Creation Timestamp:  …}, two spaces per level, values aligned per map. */
    private static void fields(StringBuilder sb, Map<String, Object> m, int depth) {
        String pad = "  ".repeat(depth);
        int width = 0;
        for (var e : m.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> || e.getValue() instanceof List<?> l && !l.isEmpty() && l.getFirst() instanceof Map<?, ?>)) {
                width = Math.max(width, title(e.getKey()).length() + 1);
            }
        }
        for (var e : new TreeMap<>(m).entrySet()) {
            String key = title(e.getKey()) + ":";
            Object v = e.getValue();
            if (v instanceof Map<?, ?> sub) {
                sb.append(pad).append(key).append('\n');
                fields(sb, ApiObjects.map(sub), depth + 1);
            } else if (v instanceof List<?> l && !l.isEmpty() && l.getFirst() instanceof Map<?, ?>) {
                sb.append(pad).append(key).append('\n');
                for (Object o : l) {
                    fields(sb, ApiObjects.map(o), depth + 1);
                }
            } else if (v instanceof List<?> l) {
                sb.append(pad).append(key).append('\n');
                for (Object o : l) {
                    sb.append(pad).append("  ").append(Tables.goValue(o)).append('\n');
                }
            } else {
                sb.append(pad).append(key).append(" ".repeat(Math.max(2, width - key.length() + 2))).append(Tables.goValue(v)).append('\n');
            }
        }
    }

    /** {@code creationTimestamp} → {@code Creation Timestamp}, {@code uid} → {@code UID} (kubectl's smartLabelFor). */
    static String title(String camel) {
        StringBuilder out = new StringBuilder();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= camel.length(); i++) {
            boolean end = i == camel.length();
            char c = end ? ' ' : camel.charAt(i);
            if (end || (Character.isUpperCase(c) && !word.isEmpty() && !Character.isUpperCase(camel.charAt(i - 1)))) {
                String w = word.toString();
                String upper = w.toUpperCase(java.util.Locale.ROOT);
                if (!out.isEmpty()) {
                    out.append(' ');
                }
                out.append(ACRONYMS.contains(upper) ? upper : Character.toUpperCase(w.charAt(0)) + w.substring(1));
                word.setLength(0);
            }
            if (!end) {
                word.append(c);
            }
        }
        return out.toString();
    }

    private static final Set<String> ACRONYMS = Set.of("API", "URL", "UID", "OSB", "GUID", "IP", "ID");

    private void events(StringBuilder sb, Item item) {
        List<List<String>> rows = new ArrayList<>();
        try {
            ApiResource events = session.resolve("events");
            String uid = ApiObjects.string(ApiObjects.metadata(item.object()).get("uid"));
            String selector = "involvedObject.name=" + item.name() + (uid.isEmpty() ? "" : ",involvedObject.uid=" + uid);
            String namespace = item.type().namespaced() ? item.namespace() : CtlSession.DEFAULT_NAMESPACE;
            Map<String, Object> list = session.call(api -> api.get(events.path(namespace, null) + "?fieldSelector="
                    + URLEncoder.encode(selector, StandardCharsets.UTF_8)));
            for (Object o : ApiObjects.list(list.get("items"))) {
                Map<String, Object> e = ApiObjects.map(o);
                String last = ApiObjects.string(e.get("lastTimestamp"));
                if (last.isEmpty()) {
                    last = ApiObjects.string(e.get("eventTime"));
                }
                Map<String, Object> source = ApiObjects.map(e.get("source"));
                String from = ApiObjects.string(source.get("component"));
                if (from.isEmpty()) {
                    from = ApiObjects.string(e.get("reportingComponent"));
                }
                rows.add(List.of("  " + ApiObjects.string(e.get("type")), ApiObjects.string(e.get("reason")), Tables.ageOf(last), from,
                        ApiObjects.string(e.get("message"))));
            }
        } catch (ApiException | RuntimeException noEvents) {
            rows.clear(); // a server without events: nothing to show
        }
        if (rows.isEmpty()) {
            sb.append("Events:  <none>\n");
            return;
        }
        sb.append("Events:\n");
        List<List<String>> all = new ArrayList<>();
        all.add(List.of("  Type", "Reason", "Age", "From", "Message"));
        all.add(List.of("  ----", "------", "----", "----", "-------"));
        all.addAll(rows);
        sb.append(Tables.render(all));
    }
}
