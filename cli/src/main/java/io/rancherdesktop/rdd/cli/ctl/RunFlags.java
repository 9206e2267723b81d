package io.rancherdesktop.rdd.cli.ctl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code docker run}'s flag syntax turned into a ContainerCreateRequest spec (docs/cli.md, {@code rdd ctl run}):
 * {@code -p [IP:][HOST_PORT:]CONTAINER_PORT[/PROTO]}, {@code -v SRC:DST[:ro|rw]}, {@code --restart NAME[:N]},
 * {@code -e K=V}, {@code -l K=V}. Pure; a malformed value is an {@link IllegalArgumentException} naming it.
 */
final class RunFlags {

    private RunFlags() {
    }

    /** One {@code -p} value as {@code {name: "80/tcp", bindings: [{hostIP, hostPort}]}}. */
    static Map<String, Object> port(String spec) {
        String rest = spec;
        String proto = "tcp";
        int slash = rest.lastIndexOf('/');
        if (slash >= 0) {
            proto = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
            if (!List.of("tcp", "udp", "sctp").contains(proto)) {
                throw new IllegalArgumentException("invalid port spec \"" + spec + "\": unknown protocol \"" + proto + "\"");
            }
        }
        String ip = "";
        String host = "";
        String container;
        int last = rest.lastIndexOf(':');
        if (last < 0) {
            container = rest;
        } else {
            container = rest.substring(last + 1);
            String front = rest.substring(0, last);
            int hostSep = front.lastIndexOf(':');
            if (front.startsWith("[") && front.endsWith("]")) {
                ip = front.substring(1, front.length() - 1);
            } else if (hostSep < 0) {
                host = front;
            } else {
                ip = front.substring(0, hostSep);
                host = front.substring(hostSep + 1);
                if (ip.startsWith("[") && ip.endsWith("]")) {
                    ip = ip.substring(1, ip.length() - 1);
                }
            }
        }
        if (!container.matches("\\d{1,5}(-\\d{1,5})?") || !inRange(container) || !(host.isEmpty() || host.matches("\\d{1,5}(-\\d{1,5})?") && inRange(host))) {
            throw new IllegalArgumentException("invalid port spec \"" + spec + "\": want [IP:][HOST_PORT:]CONTAINER_PORT[/PROTO]");
        }
        Map<String, Object> binding = new LinkedHashMap<>();
        if (!ip.isEmpty()) {
            binding.put("hostIP", ip);
        }
        binding.put("hostPort", host);
        Map<String, Object> port = new LinkedHashMap<>();
        port.put("name", container + "/" + proto);
        port.put("bindings", new ArrayList<>(List.of(binding)));
        return port;
    }

    private static boolean inRange(String ports) {
        for (String p : ports.split("-")) {
            int n = Integer.parseInt(p);
            if (n < 1 || n > 65535) {
                return false;
            }
        }
        return true;
    }

    /** Merges {@code -p} values of the same container port into one entry with several bindings. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> ports(List<String> specs) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (String s : specs) {
            Map<String, Object> p = port(s);
            Map<String, Object> existing = byName.get((String) p.get("name"));
            if (existing == null) {
                byName.put((String) p.get("name"), p);
            } else {
                ((List<Object>) existing.get("bindings")).addAll((List<Object>) p.get("bindings"));
            }
        }
        return new ArrayList<>(byName.values());
    }

    /** One {@code -v SRC:DST[:ro|rw]}: a bind mount when SRC is an absolute path, else a named volume. */
    static Map<String, Object> mount(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("invalid volume spec \"" + spec + "\": want SOURCE:DESTINATION[:ro|rw]"
                    + " (anonymous volumes are not supported)");
        }
        if (!parts[1].startsWith("/")) {
            throw new IllegalArgumentException("invalid volume spec \"" + spec + "\": the destination must be an absolute path");
        }
        boolean readOnly = false;
        if (parts.length == 3) {
            readOnly = switch (parts[2]) {
                case "ro" -> true;
                case "rw" -> false;
                default -> throw new IllegalArgumentException("invalid volume spec \"" + spec + "\": mode must be ro or rw");
            };
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", parts[0].startsWith("/") ? "bind" : "volume");
        m.put("source", parts[0]);
        m.put("destination", parts[1]);
        if (readOnly) {
            m.put("readOnly", true);
        }
        return m;
    }

    /** {@code --restart no|always|unless-stopped|on-failure[:N]}. */
    static Map<String, Object> restart(String spec) {
        Matcher m = Pattern.compile("^(no|always|unless-stopped|on-failure)(?::(\\d+))?$").matcher(spec);
        if (!m.matches() || (m.group(2) != null && !m.group(1).equals("on-failure"))) {
            throw new IllegalArgumentException("invalid restart policy \"" + spec + "\": want no, always, unless-stopped or on-failure[:N]");
        }
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("name", m.group(1));
        if (m.group(2) != null) {
            policy.put("maximumRetryCount", Integer.parseInt(m.group(2)));
        }
        return policy;
    }

    /** {@code -l K=V} (or {@code K}, an empty value) as a map. */
    static Map<String, Object> labels(List<String> specs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String s : specs) {
            int eq = s.indexOf('=');
            if (eq == 0) {
                throw new IllegalArgumentException("invalid label \"" + s + "\": the key is empty");
            }
            out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
        }
        return out;
    }

    /** {@code -e K=V} as given; {@code -e K} takes K's value from {@code env} (dropped when unset), as docker run does. */
    static List<String> env(List<String> specs, Map<String, String> env) {
        List<String> out = new ArrayList<>();
        for (String s : specs) {
            if (s.contains("=")) {
                out.add(s);
            } else if (env.containsKey(s)) {
                out.add(s + "=" + env.get(s));
            }
        }
        return out;
    }
}
