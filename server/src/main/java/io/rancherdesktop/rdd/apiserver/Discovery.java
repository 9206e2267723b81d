package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.BuildInfo;
import java.util.List;
import java.util.Optional;

/** The discovery documents: {@code /api}, {@code /apis}, {@code /apis/{g}}, {@code /api/v1}, {@code /apis/{g}/{v}}, {@code /version}. */
public final class Discovery {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final List<String> CRUD_VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    static final List<String> READ_VERBS = List.of("get", "list", "watch");
    static final List<String> STATUS_VERBS = List.of("get", "patch", "update");
    /** The Kubernetes version the server claims: the API level kubectl 1.32 expects. */
    static final String KUBE_MAJOR = "1";
    static final String KUBE_MINOR = "32";

    private final ResourceRegistry registry;
    private final BuildInfo build;

    public Discovery(ResourceRegistry registry, BuildInfo build) {
        this.registry = registry;
        this.build = build;
    }

    public ObjectNode apiVersions(String serverAddress) {
        ObjectNode n = F.objectNode();
        n.put("kind", "APIVersions");
        n.putArray("versions").add("v1");
        ObjectNode addr = n.putArray("serverAddressByClientCIDRs").addObject();
        addr.put("clientCIDR", "0.0.0.0/0");
        addr.put("serverAddress", serverAddress);
        return n;
    }

    public ObjectNode groupList() {
        ObjectNode n = F.objectNode();
        n.put("kind", "APIGroupList");
        n.put("apiVersion", "v1");
        ArrayNode groups = n.putArray("groups");
        registry.groups().forEach((g, versions) -> groups.add(group(g, versions)));
        groups.add(group(AccessReviews.GROUP, List.of(AccessReviews.VERSION)));
        groups.add(group(SelfSubjectReviews.GROUP, List.of(SelfSubjectReviews.VERSION)));
        return n;
    }

    public Optional<ObjectNode> group(String name) {
        List<String> versions = AccessReviews.GROUP.equals(name) ? List.of(AccessReviews.VERSION)
                : SelfSubjectReviews.GROUP.equals(name) ? List.of(SelfSubjectReviews.VERSION) : registry.groups().get(name);
        if (versions == null) {
            return Optional.empty();
        }
        ObjectNode g = group(name, versions);
        g.put("kind", "APIGroup");
        g.put("apiVersion", "v1");
        return Optional.of(g);
    }

    private static ObjectNode group(String name, List<String> versions) {
        ObjectNode g = F.objectNode();
        g.put("name", name);
        ArrayNode vs = g.putArray("versions");
        for (String v : versions) {
            ObjectNode gv = vs.addObject();
            gv.put("groupVersion", name + "/" + v);
            gv.put("version", v);
        }
        ObjectNode pref = g.putObject("preferredVersion");
        pref.put("groupVersion", name + "/" + versions.getFirst());
        pref.put("version", versions.getFirst());
        return g;
    }

    /** The APIResourceList of {@code group/version}; empty when nothing is served there. */
    public Optional<ObjectNode> resourceList(String group, String version) {
        if (AccessReviews.served(group, version)) {
            return Optional.of(AccessReviews.resourceList());
        }
        if (SelfSubjectReviews.served(group, version)) {
            return Optional.of(SelfSubjectReviews.resourceList());
        }
        List<ResourceRegistry.Served> served = registry.inGroupVersion(group, version);
        if (served.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode n = F.objectNode();
        n.put("kind", "APIResourceList");
        n.put("apiVersion", "v1");
        n.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = n.putArray("resources");
        for (ResourceRegistry.Served s : served) {
            ResourceDef r = s.resource();
            ObjectNode e = resources.addObject();
            e.put("name", r.plural());
            e.put("singularName", r.singular());
            e.put("namespaced", r.namespaced());
            e.put("kind", r.kind());
            ArrayNode verbs = e.putArray("verbs");
            (r.origin() == ResourceDef.Origin.READ_ONLY ? READ_VERBS : CRUD_VERBS).forEach(verbs::add);
            if (!r.shortNames().isEmpty()) {
                ArrayNode sn = e.putArray("shortNames");
                r.shortNames().forEach(sn::add);
            }
            if (!r.categories().isEmpty()) {
                ArrayNode c = e.putArray("categories");
                r.categories().forEach(c::add);
            }
            if (r.statusSubresource()) {
                ObjectNode st = resources.addObject();
                st.put("name", r.plural() + "/status");
                st.put("singularName", "");
                st.put("namespaced", r.namespaced());
                st.put("kind", r.kind());
                ArrayNode sv = st.putArray("verbs");
                STATUS_VERBS.forEach(sv::add);
            }
        }
        return Optional.of(n);
    }

    public ObjectNode version() {
        ObjectNode n = F.objectNode();
        n.put("major", KUBE_MAJOR);
        n.put("minor", KUBE_MINOR);
        n.put("gitVersion", "v" + KUBE_MAJOR + "." + KUBE_MINOR + ".0-rdd+" + build.version().replaceFirst("^v", ""));
        n.put("gitCommit", build.gitCommit());
        n.put("gitTreeState", "clean");
        n.put("buildDate", build.buildDate());
        n.put("goVersion", build.runtimeVersion());
        n.put("compiler", "javac");
        n.put("platform", build.platform());
        return n;
    }
}
