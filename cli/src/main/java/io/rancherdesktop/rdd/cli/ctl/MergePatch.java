package io.rancherdesktop.rdd.cli.ctl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** JSON merge patches (RFC 7386) computed from object trees: two-way and kubectl apply's three-way. */
final class MergePatch {
    private MergePatch() {
    }

    /**
     * kubectl apply's three-way merge: fields that were in the last applied configuration but are no longer in the
     * new one are deleted (null); fields of the new configuration that differ from the live object are set. Fields
     * that others set on the live object and the user never applied are left alone.
     */
    static Map<String, Object> threeWay(Map<String, Object> original, Map<String, Object> modified, Map<String, Object> current) {
        Map<String, Object> patch = deletions(original == null ? Map.of() : original, modified);
        merge(patch, delta(current, modified));
        return patch;
    }

    /** Keys of {@code original} missing from {@code modified}, as nulls (recursing into maps both have). */
    private static Map<String, Object> deletions(Map<String, Object> original, Map<String, Object> modified) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : original.entrySet()) {
            String k = e.getKey();
            if (!modified.containsKey(k)) {
                out.put(k, null);
            } else if (e.getValue() instanceof Map<?, ?> o && modified.get(k) instanceof Map<?, ?> m) {
                Map<String, Object> sub = deletions(ApiObjects.map(o), ApiObjects.map(m));
                if (!sub.isEmpty()) {
                    out.put(k, sub);
                }
            }
        }
        return out;
    }

    /** What must change on {@code current} to carry every field of {@code modified}; no deletions. */
    private static Map<String, Object> delta(Map<String, Object> current, Map<String, Object> modified) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : modified.entrySet()) {
            String k = e.getKey();
            Object want = e.getValue();
            Object have = current.get(k);
            if (want instanceof Map<?, ?> w && have instanceof Map<?, ?> h) {
                Map<String, Object> sub = delta(ApiObjects.map(h), ApiObjects.map(w));
                if (!sub.isEmpty()) {
                    out.put(k, sub);
                }
            } else if (!current.containsKey(k) || !equal(have, want)) {
                out.put(k, want);
            }
        }
        return out;
    }

    /** Two-way: the patch that turns {@code from} into {@code to}. */
    static Map<String, Object> twoWay(Map<String, Object> from, Map<String, Object> to) {
        Map<String, Object> patch = deletions(from, to);
        merge(patch, delta(from, to));
        return patch;
    }

    private static void merge(Map<String, Object> into, Map<String, Object> more) {
        for (var e : more.entrySet()) {
            Object existing = into.get(e.getKey());
            if (existing instanceof Map<?, ?> a && e.getValue() instanceof Map<?, ?> b) {
                Map<String, Object> m = new LinkedHashMap<>(ApiObjects.map(a));
                merge(m, ApiObjects.map(b));
                into.put(e.getKey(), m);
            } else {
                into.put(e.getKey(), e.getValue());
            }
        }
    }

    /** Equality of JSON values where 1 (long) equals 1.0 (double). */
    static boolean equal(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new java.math.BigDecimal(x.toString()).compareTo(new java.math.BigDecimal(y.toString())) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (var e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !equal(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof java.util.List<?> x && b instanceof java.util.List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }
}
