package io.rancherdesktop.rdd.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import io.rancherdesktop.rdd.testing.RealDockerEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Proves the real-engine harness: a container with an uppercase/underscore name round-trips through dockerd. */
@ExtendWith(RealDockerEngine.class)
class RealEngineHarnessIT {

    @Test
    void createsReadsAndRemovesAContainerNamedMyBoxOnTheRealEngine(DockerdProcess engine) {
        DockerClient docker = engine.client();
        String id = docker.createContainerCmd(DockerdProcess.TEST_IMAGE)
                .withName("My_Box")
                .withCmd("sleep", "3600")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"))
                .exec().getId();
        try {
            var inspect = docker.inspectContainerCmd(id).exec();
            assertEquals("/My_Box", inspect.getName());
            assertEquals(DockerdProcess.TEST_IMAGE, inspect.getConfig().getImage());
            assertTrue(docker.listContainersCmd().withShowAll(true).exec().stream().anyMatch(c -> c.getId().equals(id)));
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
        assertThrows(NotFoundException.class, () -> docker.inspectContainerCmd(id).exec());
    }

    @Test
    void testImageRunsBusybox(DockerdProcess engine) {
        DockerClient docker = engine.client();
        String id = docker.createContainerCmd(DockerdProcess.TEST_IMAGE)
                .withCmd("true")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"))
                .exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            int code = docker.waitContainerCmd(id).start().awaitStatusCode(60, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(0, code);
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }
}
