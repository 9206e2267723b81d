package io.rancherdesktop.rdd.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rancherdesktop.rdd.instance.Instance;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.instance.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineCommandTest {
    private final InstancePaths paths = new InstancePaths(new Instance("bats-x"), Platform.LINUX, Path.of("/home/u"), Map.of());
    private final EngineLayout layout = new EngineLayout(paths);

    @Test
    void rootRunsRootfulDockerdWithEverythingUnderTheInstanceDirs() throws VmException {
        EngineConfig cfg = EngineConfig.of(EngineKind.MOBY).withDockerdArgs(List.of("--iptables=false", "--bridge=none"));

        EngineCommand c = EngineCommand.forConfig(cfg, layout, new FakeHost().with("dockerd", "setsid").build());

        assertFalse(c.rootless());
        assertEquals(List.of(FakeHost.pathOf("setsid").toString()), c.launcher(), "own session: no terminal signals");
        assertEquals(List.of(FakeHost.pathOf("dockerd").toString(),
                "--config-file", "/home/u/.local/share/rancher-desktop-bats-x/engine/daemon.json",
                "--data-root", "/home/u/.local/share/rancher-desktop-bats-x/engine/docker",
                "--exec-root", "/home/u/.rdbats-x/engine/docker",
                "--pidfile", "/home/u/.rdbats-x/engine/docker/dockerd.pid",
                "--host", "unix:///home/u/.rdbats-x/docker.sock",
                "--iptables=false", "--bridge=none"), c.argv());
        assertEquals(c.argv().subList(1, c.argv().size()), c.flags());
    }

    @Test
    void containerdGetsItsOwnConfigSocketRootAndState() throws VmException {
        EngineCommand c = EngineCommand.forConfig(EngineConfig.of(EngineKind.CONTAINERD), layout,
                new FakeHost().with("containerd").build());

        assertEquals(List.of(), c.launcher());
        assertEquals(List.of(FakeHost.pathOf("containerd").toString(),
                "--config", "/home/u/.local/share/rancher-desktop-bats-x/engine/containerd.toml",
                "--address", "/home/u/.rdbats-x/containerd.sock",
                "--root", "/home/u/.local/share/rancher-desktop-bats-x/engine/containerd",
                "--state", "/home/u/.rdbats-x/engine/containerd"), c.argv());
    }

    @Test
    void aNonRootUserGetsRootlessDockerdWhenRootlesskitIsThere() throws VmException {
        HostEnvironment host = new FakeHost().nonRoot().with("dockerd", "rootlesskit", "dockerd-rootless.sh")
                .env("XDG_RUNTIME_DIR", "/run/user/1000").build();

        EngineCommand c = EngineCommand.forConfig(EngineConfig.of(EngineKind.MOBY), layout, host);

        assertTrue(c.rootless());
        assertEquals(FakeHost.pathOf("dockerd-rootless.sh").toString(), c.argv().getFirst());
        assertTrue(c.flags().contains("unix:///home/u/.rdbats-x/docker.sock"));
    }

    @Test
    void aNonRootUserWithoutRootlesskitGetsAMessageNamingWhatToInstall() {
        HostEnvironment host = new FakeHost().nonRoot().with("dockerd").build();

        VmException e = assertThrows(VmException.class,
                () -> EngineCommand.forConfig(EngineConfig.of(EngineKind.MOBY), layout, host));

        assertEquals(VmReason.START_FAILED, e.reason());
        assertTrue(e.getMessage().contains("dockerd needs root"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install rootlesskit uidmap"), e.getMessage());
        assertTrue(e.getMessage().contains("dockerd-rootless.sh"), e.getMessage());
        assertTrue(e.getMessage().contains("or run the rdd service as root"), e.getMessage());
    }

    @Test
    void rootlessDockerdWithoutXdgRuntimeDirIsExplained() {
        HostEnvironment host = new FakeHost().nonRoot().with("dockerd", "rootlesskit", "dockerd-rootless.sh").build();

        VmException e = assertThrows(VmException.class,
                () -> EngineCommand.forConfig(EngineConfig.of(EngineKind.MOBY), layout, host));

        assertTrue(e.getMessage().contains("XDG_RUNTIME_DIR"), e.getMessage());
    }

    @Test
    void aMissingDaemonNamesThePackageToInstall() {
        VmException e = assertThrows(VmException.class,
                () -> EngineCommand.forConfig(EngineConfig.of(EngineKind.MOBY), layout, new FakeHost().build()));
        assertTrue(e.getMessage().contains("dockerd is not installed"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install docker.io"), e.getMessage());

        VmException c = assertThrows(VmException.class,
                () -> EngineCommand.forConfig(EngineConfig.of(EngineKind.CONTAINERD), layout, new FakeHost().build()));
        assertTrue(c.getMessage().contains("containerd is not installed"), c.getMessage());
    }
}
