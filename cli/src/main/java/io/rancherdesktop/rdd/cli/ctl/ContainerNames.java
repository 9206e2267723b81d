package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.CliException;
import io.rancherdesktop.rdd.cli.ExitCodes;
import io.rancherdesktop.rdd.wire.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Container mirrors for {@code rdd ctl logs} and {@code top}: the namespace they live in (the App's
 * {@code spec.namespace} unless {@code -n} says otherwise) and NAME resolved as {@code docker} resolves it: the mirror
 * name (the full ID), then the Docker name ({@code status.name}), then a unique ID prefix.
 */
final class ContainerNames {
    static final String CONTAINERS = "/apis/containers.rancherdesktop.io/v1alpha1/namespaces/";

    private ContainerNames() {
    }

    /** {@code -n} if given, else the App's resource namespace (default {@code default}). */
    static String namespace(CtlSession session, String flag) throws ApiException {
        if (flag != null && !flag.isEmpty()) {
            return flag;
        }
        try {
            Map<String, Object> app = session.call(api -> api.get("/apis/app.rancherdesktop.io/v1alpha1/apps/app"));
            String ns = ApiObjects.string(ApiObjects.map(app.get("spec")).get("namespace"));
            return ns.isEmpty() ? CtlSession.DEFAULT_NAMESPACE : ns;
        } catch (ApiException e) {
            if (e.notFound()) {
                return CtlSession.DEFAULT_NAMESPACE;
            }
            throw e;
        }
    }

    /** Every Container mirror of the namespace. */
    static List<Map<String, Object>> list(CtlSession session, String namespace) throws ApiException {
        Map<String, Object> list = session.call(api -> api.get(CONTAINERS + namespace + "/containers"));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : ApiObjects.list(list.get("items"))) {
            out.add(ApiObjects.map(o));
        }
        return out;
    }

    static String mirrorName(Map<String, Object> c) {
        return ApiObjects.string(ApiObjects.metadata(c).get("name"));
    }

    static String dockerName(Map<String, Object> c) {
        return ApiObjects.string(ApiObjects.map(c.get("status")).get("name"));
    }

    /** The mirror name NAME stands for; a clear error when none or several match. */
    static String resolve(List<Map<String, Object>> all, String name) {
        for (Map<String, Object> c : all) {
            if (mirrorName(c).equals(name)) {
                return name;
            }
        }
        List<String> byName = new ArrayList<>();
        for (Map<String, Object> c : all) {
            if (dockerName(c).equals(name)) {
                byName.add(mirrorName(c));
            }
        }
        if (byName.size() == 1) {
            return byName.getFirst();
        }
        if (byName.size() > 1) {
            throw CliException.plain(ExitCodes.GENERIC, "error: container name \"" + name + "\" is ambiguous: " + byName.size()
                    + " containers (in different engine namespaces) have it; use the ID: " + String.join(", ", byName));
        }
        List<String> byPrefix = new ArrayList<>();
        if (!name.isEmpty() && name.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            for (Map<String, Object> c : all) {
                if (mirrorName(c).startsWith(name)) {
                    byPrefix.add(mirrorName(c));
                }
            }
        }
        if (byPrefix.size() == 1) {
            return byPrefix.getFirst();
        }
        if (byPrefix.size() > 1) {
            List<String> shortIds = byPrefix.stream().map(id -> id.substring(0, Math.min(12, id.length()))).sorted().toList();
            throw CliException.plain(ExitCodes.GENERIC, "error: container ID prefix \"" + name + "\" is ambiguous: it matches "
                    + byPrefix.size() + " containers (" + String.join(", ", shortIds) + "); give more of the ID or the name");
        }
        throw CliException.plain(ExitCodes.GENERIC, "Error: No such container: " + name);
    }
}
