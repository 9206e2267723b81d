package io.rancherdesktop.rdd.api.app.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.rancherdesktop.rdd.api.VmDriverKind;

/** {@code App.spec.vm} (an addition to upstream, docs/design/upstream-differences.md §3): how the engine is run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VmSpec {

    @Default("auto")
    @JsonPropertyDescription("How the container engine is run: auto, process, external or lima. "
            + "auto picks lima where limactl exists, else process where dockerd exists, else external.")
    private VmDriverKind driver;

    @JsonPropertyDescription("Engine socket that the external driver attaches to, e.g. unix:///var/run/docker.sock. "
            + "Empty means DOCKER_HOST or the default Docker socket.")
    private String socket;

    public VmSpec() {
    }

    public VmSpec(VmDriverKind driver, String socket) {
        this.driver = driver;
        this.socket = socket;
    }

    public VmDriverKind getDriver() {
        return driver;
    }

    public void setDriver(VmDriverKind driver) {
        this.driver = driver;
    }

    public String getSocket() {
        return socket;
    }

    public void setSocket(String socket) {
        this.socket = socket;
    }
}
