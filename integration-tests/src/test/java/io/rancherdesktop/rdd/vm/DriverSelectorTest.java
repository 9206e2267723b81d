package io.rancherdesktop.rdd.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rancherdesktop.rdd.instance.Instance;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.instance.Platform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every branch of {@code auto}, with injected lookups; the socket probe records which endpoint it was asked about. */
class DriverSelectorTest {
    private final InstancePaths paths = new InstancePaths(new Instance("sel"), Platform.LINUX, Path.of("/home/u"), Map.of());
    private final List<String> probed = new ArrayList<>();
    private final Function<String, Optional<String>> nothingAnswers = e -> {
        probed.add(e);
        return Optional.of("connection refused");
    };
    private final Function<String, Optional<String>> everythingAnswers = e -> {
        probed.add(e);
        return Optional.empty();
    };

    private DriverSelector selector(FakeHost host, Function<String, Optional<String>> probe) {
        return new DriverSelector(paths, host.build(), probe, RestartPolicy.DEFAULT);
    }

    private static final EngineConfig MOBY = EngineConfig.of(EngineKind.MOBY);
    private static final EngineConfig CONTAINERD = EngineConfig.of(EngineKind.CONTAINERD);

    @Test
    void autoPicksLimaWhenLimactlExistsEvenIfDockerdDoesToo() throws VmException {
        DriverSelector.Choice c = selector(new FakeHost().with("limactl", "dockerd"), everythingAnswers).choose(DriverKind.AUTO, MOBY);
        assertEquals(DriverKind.LIMA, c.kind());
        assertEquals(Optional.of(FakeHost.pathOf("limactl")), c.executable());
        assertTrue(probed.isEmpty(), "no socket probe needed");
    }

    @Test
    void autoPicksProcessWhenDockerdExistsAndRunsAsRoot() throws VmException {
        DriverSelector.Choice c = selector(new FakeHost().with("dockerd"), everythingAnswers).choose(DriverKind.AUTO, MOBY);
        assertEquals(DriverKind.PROCESS, c.kind());
    }

    @Test
    void autoPicksProcessForContainerdWhenContainerdExists() throws VmException {
        DriverSelector.Choice c = selector(new FakeHost().with("containerd"), nothingAnswers).choose(DriverKind.AUTO, CONTAINERD);
        assertEquals(DriverKind.PROCESS, c.kind());
        assertEquals(Optional.of(FakeHost.pathOf("containerd")), c.executable());
    }

    @Test
    void autoPicksProcessForANonRootUserWithRootlessHelpers() throws VmException {
        FakeHost host = new FakeHost().nonRoot().with("dockerd", "rootlesskit", "dockerd-rootless.sh")
                .env("XDG_RUNTIME_DIR", "/run/user/1000");
        assertEquals(DriverKind.PROCESS, selector(host, nothingAnswers).choose(DriverKind.AUTO, MOBY).kind());
    }

    @Test
    void autoFallsBackToAnAnsweringDockerSocketWhenNoDaemonCanRun() throws VmException {
        // dockerd is installed but this user can neither run it as root nor rootless
        FakeHost host = new FakeHost().nonRoot().with("dockerd").env("DOCKER_HOST", "unix:///run/user/1000/docker.sock");
        DriverSelector.Choice c = selector(host, everythingAnswers).choose(DriverKind.AUTO, MOBY);
        assertEquals(DriverKind.EXTERNAL, c.kind());
        assertEquals(List.of("unix:///run/user/1000/docker.sock"), probed);
    }

    @Test
    void autoProbesAppSpecVmSocketBeforeDockerHostAndTheDefault() throws VmException {
        FakeHost host = new FakeHost().env("DOCKER_HOST", "tcp://127.0.0.1:2375");
        selector(host, everythingAnswers).choose(DriverKind.AUTO, MOBY.withSocket("/srv/docker.sock"));
        selector(host, everythingAnswers).choose(DriverKind.AUTO, MOBY);
        selector(new FakeHost(), everythingAnswers).choose(DriverKind.AUTO, MOBY);
        assertEquals(List.of("unix:///srv/docker.sock", "tcp://127.0.0.1:2375", "unix:///var/run/docker.sock"), probed);
    }

    @Test
    void autoWithNothingAvailableFailsNamingWhatToInstall() {
        VmException e = assertThrows(VmException.class,
                () -> selector(new FakeHost(), nothingAnswers).choose(DriverKind.AUTO, MOBY));

        assertEquals(VmReason.START_FAILED, e.reason());
        String m = e.getMessage();
        assertTrue(m.contains("install Lima"), m);
        assertTrue(m.contains("apt-get install docker.io"), m);
        assertTrue(m.contains("App.spec.vm.socket"), m);
        assertTrue(m.contains("DOCKER_HOST"), m);
        assertTrue(m.contains("no Docker engine answers at unix:///var/run/docker.sock (connection refused)"), m);
    }

    @Test
    void autoForContainerdWithNothingAvailableNamesContainerdAndDoesNotOfferExternal() {
        VmException e = assertThrows(VmException.class,
                () -> selector(new FakeHost(), everythingAnswers).choose(DriverKind.AUTO, CONTAINERD));

        assertTrue(e.getMessage().contains("install containerd"), e.getMessage());
        assertTrue(e.getMessage().contains("install Lima"), e.getMessage());
        assertTrue(probed.isEmpty(), "a Docker socket cannot run containerd");
    }

    @Test
    void autoForANonRootUserWithoutRootlessHelpersExplainsWhyProcessWasNotUsed() {
        VmException e = assertThrows(VmException.class,
                () -> selector(new FakeHost().nonRoot().with("dockerd"), nothingAnswers).choose(DriverKind.AUTO, MOBY));
        assertTrue(e.getMessage().contains("dockerd needs root"), e.getMessage());
        assertTrue(e.getMessage().contains("rootlesskit"), e.getMessage());
    }

    @Test
    void limaRequestedWithoutLimactlNamesLima() {
        VmException e = assertThrows(VmException.class,
                () -> selector(new FakeHost().with("dockerd"), everythingAnswers).choose(DriverKind.LIMA, MOBY));
        assertTrue(e.getMessage().contains("needs limactl"), e.getMessage());
        assertTrue(e.getMessage().contains("install Lima"), e.getMessage());
    }

    @Test
    void explicitProcessAndExternalAreTakenAsRequested() throws VmException {
        DriverSelector s = selector(new FakeHost().with("limactl"), nothingAnswers);
        assertEquals(DriverKind.PROCESS, s.choose(DriverKind.PROCESS, MOBY).kind());
        assertEquals(DriverKind.EXTERNAL, s.choose(DriverKind.EXTERNAL, MOBY).kind());
        assertTrue(probed.isEmpty());
    }

    @Test
    void createBuildsTheDriverOfTheChosenKind() throws VmException {
        DriverSelector s = selector(new FakeHost().with("limactl", "dockerd"), everythingAnswers);
        for (DriverKind kind : List.of(DriverKind.PROCESS, DriverKind.EXTERNAL, DriverKind.LIMA)) {
            try (VmDriver d = s.select(kind, MOBY)) {
                assertEquals(kind, d.kind());
                assertEquals(VmPhase.STOPPED, d.status().phase());
                VmDriver typed = d;
                String name = switch (typed) {
                    case ProcessDriver p -> "process";
                    case ExternalDriver x -> "external";
                    case LimaDriver l -> "lima";
                };
                assertEquals(kind.specValue(), name);
            }
        }
    }
}
