package io.rancherdesktop.rdd.ui.view;

import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerHealth;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerMount;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerNetworkStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerPort;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.PortBinding;
import io.rancherdesktop.rdd.ui.model.ContainerFacts;
import io.rancherdesktop.rdd.wire.SecretEnv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The container details of issue 12 (docs/gui.md "Container details"): <b>Ports</b> as links that open
 * {@code http://localhost:<hostPort>}, <b>Environment</b> (values of secret-looking names masked, {@link SecretEnv},
 * with Show), <b>Mounts</b>, <b>Networks</b>, <b>Restart</b> and <b>Health</b> — added to the sections the Containers
 * tab shows ({@link ContainersView} adds them to its details; the pane opens the links).
 */
public final class ContainerDetails {

    private ContainerDetails() {
    }

    /**
     * {@code sections} with the Ports section replaced by links and the inspect sections after it (before Labels
     * when there is no Ports section; at the end when there is neither).
     */
    public static List<DetailSection> decorate(List<DetailSection> sections, Container c) {
        List<DetailSection> extra = List.of(environment(c), mounts(c), networks(c), restart(c), health(c));
        List<DetailSection> out = new ArrayList<>();
        boolean added = false;
        for (DetailSection s : sections) {
            if (!added && s.title().equals("Ports")) {
                out.add(ports(c));
                out.addAll(extra);
                added = true;
            } else if (!added && s.title().equals("Labels")) {
                out.add(ports(c));
                out.addAll(extra);
                out.add(s);
                added = true;
            } else {
                out.add(s);
            }
        }
        if (!added) {
            out.add(ports(c));
            out.addAll(extra);
        }
        return out;
    }

    private static ContainerStatus status(Container c) {
        return c.getStatus() == null ? new ContainerStatus() : c.getStatus();
    }

    /**
     * One line per exposed port: a link per distinct URL of its host bindings ({@code 0.0.0.0:8080} and {@code :::8080}
     * are one link), "not published" without bindings; while the container does not run, the configured bindings
     * (what {@code -p} asked for) as text.
     */
    static DetailSection ports(Container c) {
        ContainerStatus s = status(c);
        List<DetailSection.Line> lines = new ArrayList<>();
        List<ContainerPort> live = s.getPorts() == null ? List.of() : s.getPorts();
        for (ContainerPort p : live) {
            List<PortBinding> bindings = p.getBindings() == null ? List.of() : p.getBindings();
            if (bindings.isEmpty()) {
                lines.add(DetailSection.line(p.getName(), "not published"));
                continue;
            }
            Map<String, List<String>> byUrl = new LinkedHashMap<>();
            List<String> plain = new ArrayList<>();
            for (PortBinding b : bindings) {
                String bound = (b.getHostIP() == null ? "" : b.getHostIP()) + ":" + (b.getHostPort() == null ? "" : b.getHostPort());
                ContainerFacts.portUrl(p.getName(), b).ifPresentOrElse(
                        url -> byUrl.computeIfAbsent(url, u -> new ArrayList<>()).add(bound), () -> plain.add(bound));
            }
            byUrl.keySet().forEach(url -> lines.add(DetailSection.link(p.getName(), url, url)));
            if (!plain.isEmpty()) {
                lines.add(DetailSection.line(p.getName(), String.join(", ", plain)));
            }
        }
        if (live.isEmpty() && s.getPortBindings() != null) {
            for (ContainerPort p : s.getPortBindings()) {
                List<PortBinding> bindings = p.getBindings() == null ? List.of() : p.getBindings();
                lines.add(DetailSection.line(p.getName(), String.join(", ", bindings.stream()
                        .map(b -> (b.getHostIP() == null ? "" : b.getHostIP()) + ":" + (b.getHostPort() == null ? "" : b.getHostPort()))
                        .toList()) + " (configured; published while the container runs)"));
            }
        }
        return new DetailSection("Ports", lines);
    }

    /** NAME → value in Docker's order; a secret-looking name's value masked (Show reveals it). */
    static DetailSection environment(Container c) {
        List<String> env = status(c).getEnv() == null ? List.of() : status(c).getEnv();
        List<DetailSection.Line> lines = new ArrayList<>();
        for (String entry : env) {
            String name = SecretEnv.name(entry);
            String value = SecretEnv.value(entry);
            lines.add(SecretEnv.isSecretEntry(entry) ? DetailSection.secret(name, value) : DetailSection.line(name, value));
        }
        return new DetailSection("Environment", lines);
    }

    /** Destination → volume (its mirror) or host path, and rw/ro. */
    static DetailSection mounts(Container c) {
        List<ContainerMount> mounts = status(c).getMounts() == null ? List.of() : status(c).getMounts();
        return new DetailSection("Mounts", mounts.stream()
                .map(m -> DetailSection.line(m.getDestination() == null ? "" : m.getDestination(), ContainerFacts.mountSource(m)))
                .toList());
    }

    /** Network → IP (and MAC). */
    static DetailSection networks(Container c) {
        List<ContainerNetworkStatus> nets = status(c).getNetworks() == null ? List.of() : status(c).getNetworks();
        return new DetailSection("Networks", nets.stream()
                .map(n -> DetailSection.line(n.getName(), n.getIpAddress() == null || n.getIpAddress().isEmpty()
                        ? "no address" : n.getIpAddress() + (n.getMacAddress() == null || n.getMacAddress().isEmpty() ? "" : "  (MAC " + n.getMacAddress() + ")")))
                .toList());
    }

    static DetailSection restart(Container c) {
        List<DetailSection.Line> lines = new ArrayList<>();
        String policy = ContainerFacts.restartPolicy(c);
        if (!policy.isEmpty()) {
            lines.add(DetailSection.line("Policy", policy));
        }
        Integer count = status(c).getRestartCount();
        if (count != null) {
            lines.add(DetailSection.line("Restarts", count.toString()));
        }
        return new DetailSection("Restart", lines);
    }

    /** The HEALTHCHECK state and its last probe; no section without a healthcheck. */
    static DetailSection health(Container c) {
        ContainerHealth h = status(c).getHealth();
        if (h == null) {
            return new DetailSection("Health", List.of());
        }
        List<DetailSection.Line> lines = new ArrayList<>();
        lines.add(DetailSection.line("Status", h.getStatus()));
        if (h.getFailingStreak() != null) {
            lines.add(DetailSection.line("Failing streak", h.getFailingStreak().toString()));
        }
        if (h.getLastExitCode() != null) {
            lines.add(DetailSection.line("Last check exit code", h.getLastExitCode().toString()));
        }
        if (h.getLastOutput() != null) {
            lines.add(DetailSection.line("Last check output", h.getLastOutput().strip()));
        }
        return new DetailSection("Health", lines);
    }
}
