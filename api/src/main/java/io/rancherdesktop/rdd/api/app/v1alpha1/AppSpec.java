package io.rancherdesktop.rdd.api.app.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** {@code App.spec}. The first sentence of each description is what {@code rdd set --help} lists. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AppSpec {

    /** Where the VirtualMachine and all mirrors live when {@code spec.namespace} is not set. */
    public static final String DEFAULT_NAMESPACE = "default";
    public static final String NAMESPACE_IMMUTABLE_MESSAGE = "spec.namespace is immutable";

    @Required
    @JsonPropertyDescription("Whether the machine and its container engine should run. "
            + "Copied to the VirtualMachine's spec.running.")
    private Boolean running;

    @Default(DEFAULT_NAMESPACE)
    @ValidationRule(value = "self == oldSelf", message = NAMESPACE_IMMUTABLE_MESSAGE)
    @JsonPropertyDescription("Namespace that holds the VirtualMachine and the container, image and volume mirrors. "
            + "Defaults to \"default\"; it cannot be changed after the App is created.")
    private String namespace;

    @Default("{\"name\":\"moby\"}")
    @JsonPropertyDescription("Container engine settings.")
    private ContainerEngineSpec containerEngine;

    @JsonPropertyDescription("Kubernetes (k3s) settings. "
            + "This release validates them but does not start Kubernetes.")
    private KubernetesSpec kubernetes;

    @Default("{\"driver\":\"auto\"}")
    @JsonPropertyDescription("Settings of the machine that runs the container engine.")
    private VmSpec vm;

    public AppSpec() {
    }

    public Boolean getRunning() {
        return running;
    }

    public void setRunning(Boolean running) {
        this.running = running;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public ContainerEngineSpec getContainerEngine() {
        return containerEngine;
    }

    public void setContainerEngine(ContainerEngineSpec containerEngine) {
        this.containerEngine = containerEngine;
    }

    public KubernetesSpec getKubernetes() {
        return kubernetes;
    }

    public void setKubernetes(KubernetesSpec kubernetes) {
        this.kubernetes = kubernetes;
    }

    public VmSpec getVm() {
        return vm;
    }

    public void setVm(VmSpec vm) {
        this.vm = vm;
    }

    /** The resource namespace R: {@code spec.namespace}, or {@value #DEFAULT_NAMESPACE} when unset or empty. */
    public String resourceNamespace() {
        return namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace;
    }
}
