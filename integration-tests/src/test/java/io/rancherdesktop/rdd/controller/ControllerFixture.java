package io.rancherdesktop.rdd.controller;

import io.rancherdesktop.rdd.instance.ControllerSelection;

import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.testing.ApiServerExtension;
import io.rancherdesktop.rdd.vm.HostEnvironment;
import io.rancherdesktop.rdd.vm.ProcessDriver;
import io.rancherdesktop.rdd.vm.RestartPolicy;
import io.rancherdesktop.rdd.vm.VmException;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The real {@link ControllerManager} on a test class's embedded API server, with the process driver running a real
 * dockerd under the server's private home. {@link #close()} detaches the controllers, then stops any engine they left
 * running and kills whatever process still names the home, so no engine outlives the test class.
 */
public final class ControllerFixture implements AutoCloseable {

    /** dockerd flags that work without netfilter and overlayfs (the CI machines have neither). */
    public static final String DOCKERD_ARGS = "--iptables=false --bridge=none --storage-driver=vfs";

    private final ControllerManager manager;
    private final InstancePaths paths;
    private final HostEnvironment host;

    private ControllerFixture(ControllerManager manager, InstancePaths paths, HostEnvironment host) {
        this.manager = manager;
        this.paths = paths;
        this.host = host;
    }

    /** Starts the controllers of {@code controllers} (the {@code --controllers} grammar); returns once synced. */
    public static ControllerFixture start(ApiServerExtension.Running api, String controllers, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("RDD_DOCKERD_ARGS", DOCKERD_ARGS);
        env.putAll(extraEnv);
        HostEnvironment system = HostEnvironment.system();
        HostEnvironment host = new HostEnvironment(env, system.root(),
                name -> HostEnvironment.findOnPath(name, env.getOrDefault("PATH", "")));
        ControllerManager manager = new ControllerManager(host, Clock.systemUTC(), List.of());
        manager.start(api.client(), ControllerSelection.parse(controllers), api.paths());
        return new ControllerFixture(manager, api.paths(), host);
    }

    public InstancePaths paths() {
        return paths;
    }

    /** Stops the controllers as a service shutdown does: engines keep running for the next service run to adopt. */
    public void detach() {
        manager.close();
    }

    @Override
    public void close() {
        manager.close();
        try (ProcessDriver sweeper = new ProcessDriver(paths, host, RestartPolicy.DEFAULT)) {
            sweeper.stop(Duration.ofSeconds(20)); // finds the engine through its adoption record
        } catch (VmException e) {
            throw new IllegalStateException("cannot stop the engine the controllers left running", e);
        } finally {
            killProcessesNaming(paths.home().toString() + "/");
        }
    }

    static void killProcessesNaming(String needle) {
        List<ProcessHandle> leftovers = ProcessHandle.allProcesses()
                .filter(ph -> ph.pid() != ProcessHandle.current().pid())
                .filter(ph -> ph.info().commandLine().map(c -> c.contains(needle)).orElse(false))
                .toList();
        leftovers.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle ph : leftovers) {
            try {
                ph.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                // reported by the caller's assertions if it matters; the temp dir goes anyway
            }
        }
    }
}
