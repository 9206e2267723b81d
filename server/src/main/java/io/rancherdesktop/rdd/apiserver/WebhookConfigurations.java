package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.admission.AdmissionPlugin;
import io.rancherdesktop.rdd.admission.AdmissionRule;
import io.rancherdesktop.rdd.admission.Operation;
import io.rancherdesktop.rdd.store.StoredObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes admission discoverable (docs/api-server.md, "Admission"): one {@code admissionregistration.k8s.io/v1}
 * {@code ValidatingWebhookConfiguration} (or {@code MutatingWebhookConfiguration}, for a plugin that
 * {@linkplain AdmissionPlugin#mutating() mutates}) per configured in-process admission plugin, named after the plugin
 * (the name its denials quote, e.g. {@code mirror-validator.containers.rancherdesktop.io}) with one webhook of that
 * name carrying the plugin's {@linkplain AdmissionPlugin#rules() rules}. The client config is
 * {@value #IN_PROCESS_URL} and the annotation {@value #IN_PROCESS_ANNOTATION} says so: nothing is called over HTTP.
 *
 * <p>{@link #publish} runs at service start, as the API server through {@link ResourceOperations} like the other
 * bootstrap objects, and brings the stored objects in step with the plugin list (creates, updates, deletes). The list
 * is fixed for the life of a service, and {@link WebhookConfigurationGuard} refuses every other writer, so nothing
 * else can make them drift.
 */
public final class WebhookConfigurations {
    private static final Logger log = LoggerFactory.getLogger(WebhookConfigurations.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    static final String VALIDATING = "ValidatingWebhookConfiguration";
    static final String MUTATING = "MutatingWebhookConfiguration";
    /** Where the "webhook" lives: in the rdd process. Not a URL any client can call. */
    public static final String IN_PROCESS_URL = "inprocess://rdd";
    /** {@code "true"} on every published configuration. */
    public static final String IN_PROCESS_ANNOTATION = "admission.rancherdesktop.io/in-process";
    /** The Java class of the plugin. */
    public static final String PLUGIN_CLASS_ANNOTATION = "admission.rancherdesktop.io/plugin-class";
    private static final String DESCRIPTION_ANNOTATION = "admission.rancherdesktop.io/description";
    private static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    private static final String MANAGED_BY = "rdd-apiserver";

    private final ResourceOperations operations;

    public WebhookConfigurations(ResourceOperations operations) {
        this.operations = operations;
    }

    /** Writes one configuration per plugin and deletes configurations of plugins no longer installed. */
    public void publish(List<AdmissionPlugin> plugins) {
        for (String kind : List.of(VALIDATING, MUTATING)) {
            Map<String, ObjectNode> desired = new LinkedHashMap<>();
            for (AdmissionPlugin p : plugins) {
                if (p.mutating() == kind.equals(MUTATING)) {
                    desired.put(p.name(), describe(p));
                }
            }
            sync(kind, desired);
        }
    }

    private void sync(String kind, Map<String, ObjectNode> desired) {
        String plural = kind.toLowerCase(java.util.Locale.ROOT) + "s";
        ResourceRegistry.Served served = operations.registry().lookup(WebhookConfigurationGuard.GROUP, "v1", plural)
                .orElseThrow(() -> new IllegalStateException("the builtin kind " + plural + " is not served"));
        RequestScope all = new RequestScope(served, null, null, "");
        WriteOptions system = WriteOptions.system("rdd");
        for (StoredObject so : operations.list(all, ResourceOperations.ListOptions.ALL).items()) {
            ObjectNode want = desired.remove(so.name());
            RequestScope one = all.withName(so.name());
            if (want == null) {
                operations.delete(one, ResourceOperations.DeleteOptions.DEFAULT);
                log.info("deleted {} {}: no such admission plugin any more", kind, so.name());
            } else if (!same(so.object(), want)) {
                ObjectNode next = so.object().deepCopy();
                next.set("webhooks", want.get("webhooks"));
                next.withObject("metadata").set("labels", want.path("metadata").get("labels"));
                next.withObject("metadata").set("annotations", want.path("metadata").get("annotations"));
                next.withObject("metadata").remove("managedFields");
                operations.update(one, next, system);
                log.info("updated {} {}", kind, so.name());
            }
        }
        for (ObjectNode want : desired.values()) {
            want.put("apiVersion", WebhookConfigurationGuard.GROUP + "/v1");
            want.put("kind", kind);
            operations.create(all, want, system);
            log.info("published {} {}", kind, want.path("metadata").path("name").asText());
        }
    }

    private static boolean same(ObjectNode stored, ObjectNode want) {
        return stored.path("webhooks").equals(want.path("webhooks"))
                && stored.path("metadata").path("labels").equals(want.path("metadata").path("labels"))
                && stored.path("metadata").path("annotations").equals(want.path("metadata").path("annotations"));
    }

    /** The configuration object of one plugin (without apiVersion/kind). */
    static ObjectNode describe(AdmissionPlugin p) {
        ObjectNode o = F.objectNode();
        ObjectNode meta = o.putObject("metadata");
        meta.put("name", p.name());
        meta.putObject("labels").put(MANAGED_BY_LABEL, MANAGED_BY);
        ObjectNode ann = meta.putObject("annotations");
        ann.put(IN_PROCESS_ANNOTATION, "true");
        ann.put(PLUGIN_CLASS_ANNOTATION, p.getClass().getName());
        ann.put(DESCRIPTION_ANNOTATION, "An admission plugin compiled into the rdd API server, not an HTTP webhook. Read-only: the server"
                + " writes this object at start from its plugin list (docs/api-server.md, \"Admission\").");
        ObjectNode w = o.putArray("webhooks").addObject();
        w.put("name", p.name());
        w.putObject("clientConfig").put("url", IN_PROCESS_URL);
        ArrayNode rules = w.putArray("rules");
        for (AdmissionRule r : p.rules()) {
            ObjectNode rule = rules.addObject();
            r.operations().stream().map(Operation::name).forEach(rule.putArray("operations")::add);
            r.apiGroups().forEach(rule.putArray("apiGroups")::add);
            r.apiVersions().forEach(rule.putArray("apiVersions")::add);
            r.resources().forEach(rule.putArray("resources")::add);
            rule.put("scope", "*");
        }
        w.put("failurePolicy", "Fail");
        w.put("matchPolicy", "Equivalent");
        w.putObject("namespaceSelector");
        w.putObject("objectSelector");
        w.put("sideEffects", "None");
        w.put("timeoutSeconds", 10);
        w.putArray("admissionReviewVersions").add("v1");
        if (p.mutating()) {
            w.put("reinvocationPolicy", "Never");
        }
        return o;
    }
}
