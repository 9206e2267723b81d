package io.rancherdesktop.rdd.api.vm.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.generator.annotation.Default;
import io.rancherdesktop.rdd.api.VmDriverKind;

/** {@code VirtualMachine.spec}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VirtualMachineSpec {

    @Default("auto")
    @JsonPropertyDescription("How the container engine is run: auto, process, external or lima.")
    private VmDriverKind driver;

    @Default("false")
    @PrinterColumn(name = "Running")
    @JsonPropertyDescription("Whether the machine and its engine should run.")
    private Boolean running;

    @Default("{\"name\":\"moby\"}")
    @JsonPropertyDescription("Container engine settings.")
    private EngineSpec containerEngine;

    @JsonPropertyDescription("Engine socket that the external driver attaches to, e.g. unix:///var/run/docker.sock. "
            + "Empty means DOCKER_HOST or the default Docker socket.")
    private String socket;

    public VirtualMachineSpec() {
    }

    public VmDriverKind getDriver() {
        return driver;
    }

    public void setDriver(VmDriverKind driver) {
        this.driver = driver;
    }

    public Boolean getRunning() {
        return running;
    }

    public void setRunning(Boolean running) {
        this.running = running;
    }

    public EngineSpec getContainerEngine() {
        return containerEngine;
    }

    public void setContainerEngine(EngineSpec containerEngine) {
        this.containerEngine = containerEngine;
    }

    public String getSocket() {
        return socket;
    }

    public void setSocket(String socket) {
        this.socket = socket;
    }
}
