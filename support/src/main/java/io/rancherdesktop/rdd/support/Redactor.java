package io.rancherdesktop.rdd.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it goes into a support bundle: PEM private keys, {@code Bearer} credentials,
 * the values of keys whose name says they are secret (token, password, secret, private key, client key,
 * credentials, api key; in YAML, JSON, {@code key=value} and environment form), and every occurrence of the
 * secrets this instance is known to hold (its bearer token), wherever they appear. CA and certificate data stay:
 * they are public and help diagnose TLS problems.
 *
 * <p>It errs towards removing too much: a value is kept only when nothing about its key or its content marks it
 * as secret.
 */
public final class Redactor {
    /** What replaces a secret. */
    public static final String REDACTED = "REDACTED";

    /** Key names whose values are secret (matched anywhere in the key, case-insensitively). */
    private static final String SECRET_KEY =
            "[\\w.-]*(?:token|passw(?:or)?d|passphrase|secret|private[_-]?key|client[_-]?key|api[_-]?key|credential|auth[_-]?key|authorization)[\\w.-]*";

    private static final Pattern PEM_PRIVATE_KEY = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----.*?(?:-----END \\1PRIVATE KEY-----|\\z)", Pattern.DOTALL);
    private static final Pattern BEARER = Pattern.compile("(?i)\\b((?:bearer|basic)\\s+)[A-Za-z0-9._~+/=-]+");
    /** {@code "key": "value"} in JSON (the value a string). */
    private static final Pattern JSON_STRING = Pattern.compile(
            "(?i)(\"" + SECRET_KEY + "\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");
    /** {@code key: value} in YAML; group 4 is the value. */
    private static final Pattern YAML_LINE = Pattern.compile(
            "(?i)^(\\s*(?:-\\s+)?)([\"']?)(" + SECRET_KEY + ")\\2(\\s*:)(?:[ \\t]+(.*))?$");
    /** {@code key=value} (environment, logfmt, command-line flags). */
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?i)(\\b" + SECRET_KEY + "=)(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|[^\\s,;&]+)");
    /** {@code --token VALUE} style flags. */
    private static final Pattern FLAG = Pattern.compile("(?i)(--" + SECRET_KEY + "\\s+)([^\\s-][^\\s]*)");

    private final List<String> knownSecrets;

    /**
     * @param knownSecrets literal secrets to remove wherever they occur (e.g. the instance's bearer token);
     *                     values shorter than 8 characters are ignored so that common words survive
     */
    public Redactor(Set<String> knownSecrets) {
        List<String> s = new ArrayList<>();
        for (String k : knownSecrets) {
            if (k != null && k.strip().length() >= 8) {
                s.add(k.strip());
            }
        }
        s.sort(Comparator.comparingInt(String::length).reversed());
        this.knownSecrets = List.copyOf(s);
    }

    /** The redacted text, and how many secrets were removed. */
    public record Result(String text, int redactions) {
    }

    public Result redact(String text) {
        int[] count = {0};
        String t = text;
        for (String secret : knownSecrets) {
            int n = occurrences(t, secret);
            if (n > 0) {
                count[0] += n;
                t = t.replace(secret, REDACTED);
            }
        }
        t = replace(PEM_PRIVATE_KEY, t, m -> "-----BEGIN " + m.group(1) + "PRIVATE KEY-----\n" + REDACTED + "\n-----END " + m.group(1) + "PRIVATE KEY-----", count);
        t = replace(BEARER, t, m -> m.group(1) + REDACTED, count);
        t = replace(JSON_STRING, t, m -> m.group(1) + "\"" + REDACTED + "\"", count);
        t = redactYaml(t, count);
        t = replace(ASSIGNMENT, t, m -> m.group(1) + REDACTED, count);
        t = replace(FLAG, t, m -> m.group(1) + REDACTED, count);
        return new Result(t, count[0]);
    }

    private static final Pattern SECRET_KEY_NAME = Pattern.compile("(?i)" + SECRET_KEY);

    /** Whether a key (a field, variable or flag name) names a secret. */
    public static boolean isSecretKey(String key) {
        return SECRET_KEY_NAME.matcher(key).find();
    }

    /**
     * A parsed JSON document (maps, lists, strings, numbers) with the values of secret keys replaced and every string
     * redacted as text; the structure stays valid JSON.
     */
    public Object redactTree(Object node, int[] count) {
        return redactTree(node, count, false);
    }

    /**
     * {@code secret}: {@code node} is a core Secret (its {@code kind} says so, or it is an item of a {@code SecretList}),
     * whose {@code data} and {@code stringData} values are all secret whatever their keys are called. The bundle reads
     * no Secrets today (docs/api.md, "Secrets"); this keeps any future API read from leaking them.
     */
    private Object redactTree(Object node, int[] count, boolean secret) {
        return switch (node) {
            case java.util.Map<?, ?> m -> {
                boolean isSecret = secret || ("Secret".equals(m.get("kind")) && "v1".equals(m.get("apiVersion")));
                boolean isSecretList = "SecretList".equals(m.get("kind")) && "v1".equals(m.get("apiVersion"));
                java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
                for (var e : m.entrySet()) {
                    String k = String.valueOf(e.getKey());
                    Object v = e.getValue();
                    if (isSecret && (k.equals("data") || k.equals("stringData")) && v instanceof java.util.Map<?, ?> data) {
                        java.util.Map<String, Object> redacted = new java.util.LinkedHashMap<>();
                        data.keySet().forEach(dk -> redacted.put(String.valueOf(dk), REDACTED));
                        count[0] += data.size();
                        out.put(k, redacted);
                    } else if (isSecretList && k.equals("items") && v instanceof List<?> items) {
                        List<Object> list = new ArrayList<>(items.size());
                        items.forEach(i -> list.add(redactTree(i, count, true)));
                        out.put(k, list);
                    } else if (k.equals("env") && v instanceof List<?> entries) {
                        // A container's environment (Container status.env, NAME=value strings): the same rule as the GUI.
                        List<Object> list = new ArrayList<>(entries.size());
                        for (Object entry : entries) {
                            if (entry instanceof String s && io.rancherdesktop.rdd.wire.SecretEnv.isSecretEntry(s)) {
                                list.add(io.rancherdesktop.rdd.wire.SecretEnv.mask(s, REDACTED));
                                count[0]++;
                            } else {
                                list.add(redactTree(entry, count, false));
                            }
                        }
                        out.put(k, list);
                    } else if (isSecretKey(k) && v != null && !(v instanceof Boolean) && !"".equals(v)) {
                        out.put(k, REDACTED);
                        count[0]++;
                    } else {
                        out.put(k, redactTree(v, count, false));
                    }
                }
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                l.forEach(v -> out.add(redactTree(v, count, false)));
                yield out;
            }
            case String s -> {
                Result r = redact(s);
                count[0] += r.redactions();
                yield r.text();
            }
            case null -> null;
            default -> node;
        };
    }

    /** The redacted text alone. */
    public String apply(String text) {
        return redact(text).text();
    }

    /**
     * Line by line: a secret key's scalar value is replaced; a block scalar ({@code key: |}) or a nested value on
     * the following, deeper-indented lines is replaced as a whole.
     */
    private static String redactYaml(String text, int[] count) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        int blockIndent = -1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (blockIndent >= 0) {
                int indent = indentOf(line);
                if (line.isBlank() || indent > blockIndent) {
                    continue; // part of the secret block: dropped
                }
                blockIndent = -1;
            }
            Matcher m = YAML_LINE.matcher(line);
            if (m.matches()) {
                String value = m.group(5) == null ? "" : m.group(5).strip();
                if (value.isEmpty() || value.startsWith("|") || value.startsWith(">")) {
                    // the value follows on deeper lines (a block scalar, a map or a list): drop them
                    boolean hasBlock = i + 1 < lines.length && !lines[i + 1].isBlank() && indentOf(lines[i + 1]) > indentOf(line)
                            || value.startsWith("|") || value.startsWith(">");
                    if (hasBlock) {
                        out.append(m.group(1)).append(m.group(2)).append(m.group(3)).append(m.group(2)).append(m.group(4)).append(' ').append(REDACTED);
                        blockIndent = indentOf(line);
                        count[0]++;
                    } else {
                        out.append(line);
                    }
                } else if (value.contains(REDACTED) || value.equals("\"\"") || value.equals("''")
                        || value.equals("null") || value.equals("~")) {
                    out.append(line);
                } else {
                    out.append(m.group(1)).append(m.group(2)).append(m.group(3)).append(m.group(2)).append(m.group(4)).append(' ').append(REDACTED);
                    count[0]++;
                }
            } else {
                out.append(line);
            }
            if (i + 1 < lines.length) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static int indentOf(String line) {
        int n = 0;
        while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '\t' || line.charAt(n) == '-')) {
            n++;
        }
        return n;
    }

    private static String replace(Pattern p, String text, java.util.function.Function<Matcher, String> with, int[] count) {
        Matcher m = p.matcher(text);
        StringBuilder sb = null;
        while (m.find()) {
            String replacement = with.apply(m);
            if (replacement.equals(m.group())) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(text.length());
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
            count[0]++;
        }
        if (sb == null) {
            return text;
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static int occurrences(String text, String s) {
        int n = 0;
        for (int i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + s.length())) {
            n++;
        }
        return n;
    }
}
