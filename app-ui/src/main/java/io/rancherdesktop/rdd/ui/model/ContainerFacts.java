package io.rancherdesktop.rdd.ui.model;

import io.rancherdesktop.rdd.api.containers.v1alpha1.ActionOutcome;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerPort;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.LastAction;
import io.rancherdesktop.rdd.api.containers.v1alpha1.PortBinding;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** What the containers table and details pane say about one Container mirror. */
public final class ContainerFacts {

    /** The state changes a person can ask for, each a {@code spec.state} request. */
    public enum Action {
        START(RequestedState.RUNNING, "Start", "starting"),
        STOP(RequestedState.CREATED, "Stop", "stopping"),
        PAUSE(RequestedState.PAUSED, "Pause", "pausing"),
        RESUME(RequestedState.RUNNING, "Resume", "resuming");

        private final RequestedState request;
        private final String label;
        private final String progress;

        Action(RequestedState request, String label, String progress) {
            this.request = request;
            this.label = label;
            this.progress = progress;
        }

        public RequestedState request() {
            return request;
        }

        public String label() {
            return label;
        }

        /** The row's pending text while the request is served, e.g. "stopping". */
        public String progress() {
            return progress;
        }
    }

    private ContainerFacts() {
    }

    private static ContainerStatus status(Container c) {
        return c.getStatus() == null ? new ContainerStatus() : c.getStatus();
    }

    /** The Docker name, or the short ID when the engine reported none. */
    public static String name(Container c) {
        String n = status(c).getName();
        return n == null || n.isEmpty() ? MirrorFacts.shortId(c.getMetadata().getName()) : n;
    }

    public static String shortId(Container c) {
        return MirrorFacts.shortId(c.getMetadata().getName());
    }

    public static RunStatus runStatus(Container c) {
        RunStatus s = status(c).getStatus();
        return s == null ? RunStatus.UNKNOWN : s;
    }

    /** "running", "exited (137)", or "Terminating". */
    public static String state(Container c) {
        if (MirrorFacts.isTerminating(c)) {
            return "Terminating";
        }
        RunStatus s = runStatus(c);
        Integer exit = status(c).getExitCode();
        return s == RunStatus.EXITED && exit != null ? "exited (" + exit + ")" : s.value();
    }

    /** The image as a tag when one of the known images has this ID, else its short ID. */
    public static String image(Container c, ImageCatalog images) {
        String id = status(c).getImage();
        if (id == null || id.isEmpty()) {
            return "";
        }
        return images.tagOf(id).orElse(MirrorFacts.shortId(id));
    }

    /** "0.0.0.0:8080→80/tcp, 443/tcp". */
    public static String ports(Container c) {
        List<ContainerPort> ports = status(c).getPorts();
        if (ports == null || ports.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (ContainerPort p : ports) {
            List<PortBinding> bindings = p.getBindings();
            if (bindings == null || bindings.isEmpty()) {
                parts.add(p.getName());
            } else {
                for (PortBinding b : bindings) {
                    parts.add(nz(b.getHostIP()) + ":" + nz(b.getHostPort()) + "→" + p.getName());
                }
            }
        }
        return String.join(", ", parts);
    }

    public static String command(Container c) {
        ContainerStatus s = status(c);
        List<String> parts = new ArrayList<>();
        if (s.getPath() != null) {
            parts.add(s.getPath());
        }
        if (s.getArgs() != null) {
            parts.addAll(s.getArgs());
        }
        return parts.stream().map(ContainerFacts::shellQuote).collect(Collectors.joining(" "));
    }

    /** A word as a POSIX shell reads it back: as is when it has no special characters, else single-quoted. */
    public static String shellQuote(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The error of the last {@code spec.state} request, if it failed. */
    public static Optional<String> lastActionError(Container c) {
        LastAction a = status(c).getLastAction();
        if (a == null || a.getState() != ActionOutcome.FAILED) {
            return Optional.empty();
        }
        String action = a.getAction() == null ? "request" : a.getAction().value();
        return Optional.of("last request (" + action + ") failed: " + (a.getError() == null ? "" : a.getError()));
    }

    /** The actions that make sense now; none while Terminating. */
    public static List<Action> actions(Container c) {
        if (MirrorFacts.isTerminating(c)) {
            return List.of();
        }
        return switch (runStatus(c)) {
            case RUNNING, RESTARTING -> List.of(Action.STOP, Action.PAUSE);
            case PAUSED, PAUSING -> List.of(Action.RESUME, Action.STOP);
            case CREATED, EXITED, DEAD -> List.of(Action.START);
            case REMOVING -> List.of();
            case UNKNOWN -> List.of(Action.START, Action.STOP);
        };
    }

    /** The start/stop toggle's action: stop what runs (or is paused), start anything else. */
    public static Action toggleAction(Container c) {
        return switch (runStatus(c)) {
            case RUNNING, RESTARTING, PAUSED, PAUSING -> Action.STOP;
            default -> Action.START;
        };
    }

    /** The pause/resume toggle's action, if one applies now. */
    public static Optional<Action> pauseAction(Container c) {
        return switch (runStatus(c)) {
            case RUNNING -> Optional.of(Action.PAUSE);
            case PAUSED, PAUSING -> Optional.of(Action.RESUME);
            default -> Optional.empty();
        };
    }

    /** Whether the last action answers a request made at {@code generation} or later. */
    public static Optional<LastAction> answerTo(Container c, long generation) {
        LastAction a = status(c).getLastAction();
        if (a == null || a.getObservedGeneration() == null || a.getObservedGeneration() < generation) {
            return Optional.empty();
        }
        return Optional.of(a);
    }

    /** Text the filter box matches against. */
    public static String searchText(Container c, ImageCatalog images) {
        return String.join(" ", name(c), c.getMetadata().getName(), image(c, images), state(c), ports(c),
                MirrorFacts.labels(status(c).getLabels()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    // ---- inspect details (issue 12: env, mounts, networks, restart, health, port links) ----

    /**
     * The browser URL of a published port: {@code http://localhost:<hostPort>} for a port bound to every address or
     * to loopback, {@code http://<hostIP>:<hostPort>} for one bound to one other address; empty for UDP/SCTP ports
     * and bindings without a host port.
     */
    public static Optional<String> portUrl(String portName, PortBinding b) {
        if (portName == null || !(portName.endsWith("/tcp") || !portName.contains("/"))) {
            return Optional.empty();
        }
        String port = nz(b.getHostPort());
        if (!port.matches("\\d+")) {
            return Optional.empty();
        }
        String ip = nz(b.getHostIP());
        boolean local = ip.isEmpty() || ip.equals("0.0.0.0") || ip.equals("::") || ip.equals("::1") || ip.startsWith("127.");
        String host = local ? "localhost" : ip.contains(":") ? "[" + ip + "]" : ip;
        return Optional.of("http://" + host + ":" + port);
    }

    /** "volume web-data (vol-1a2b…) · rw", "/srv/site · ro" (a bind's host path), "tmpfs · rw". */
    public static String mountSource(io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerMount m) {
        String type = nz(m.getType());
        String source = switch (type) {
            case "volume" -> "volume " + (m.getVolumeName() == null ? "" : m.getVolumeName())
                    + (m.getVolume() == null ? "" : " (" + m.getVolume() + ")");
            case "bind" -> nz(m.getSource());
            default -> type.isEmpty() ? nz(m.getSource()) : type + (m.getSource() == null || m.getSource().isEmpty() ? "" : " " + m.getSource());
        };
        return source.strip() + " \u00b7 " + (Boolean.FALSE.equals(m.getRw()) ? "ro" : "rw");
    }

    /** "no", "always", "on-failure (at most 5 retries)", "on-failure (no limit)"; empty when not reported. */
    public static String restartPolicy(Container c) {
        var p = status(c).getRestartPolicy();
        if (p == null || p.getName() == null || p.getName().isEmpty()) {
            return "";
        }
        if (p.getName().equals("on-failure")) {
            Integer max = p.getMaximumRetryCount();
            return "on-failure (" + (max == null || max == 0 ? "no limit" : "at most " + max + " retries") + ")";
        }
        return p.getName();
    }
}
