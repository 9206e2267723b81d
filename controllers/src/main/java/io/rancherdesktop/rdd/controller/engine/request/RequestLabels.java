package io.rancherdesktop.rdd.controller.engine.request;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The label that makes serving a request exactly-once (docs/api.md §3.5): every engine object a request creates
 * carries its uid, and the controller looks for it before creating anything, after a crash, an engine reconnect or
 * a retry alike.
 */
public final class RequestLabels {
    /** Engine label on what a request created: the request's {@code metadata.uid}. */
    public static final String REQUEST_UID = "rdd.rancherdesktop.io/request-uid";

    private RequestLabels() {
    }

    /** {@code labels} (may be null) plus the request-uid label. */
    public static Map<String, String> with(Map<String, String> labels, String uid) {
        Map<String, String> all = new LinkedHashMap<>();
        if (labels != null) {
            all.putAll(labels);
        }
        all.put(REQUEST_UID, uid);
        return all;
    }

    /** The {@code label=} filter value that finds what request {@code uid} created. */
    public static String filter(String uid) {
        return REQUEST_UID + "=" + uid;
    }
}
