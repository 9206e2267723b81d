package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The mirror of one engine container, named by its full 64-hex container ID. {@code spec.state} is a one-shot
 * request (docs/design/mirroring-rules.md §6); everything else is engine-owned status.
 */
@Group(ContainersGroup.GROUP)
@Version(ContainersGroup.VERSION)
@Kind("Container")
@Plural("containers")
@Singular("container")
@Categories("all")
@AdditionalPrinterColumn(name = "Running", jsonPath = ".status.conditions[?(@.type==\"Running\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Container extends CustomResource<ContainerSpec, ContainerStatus> implements Namespaced {
}
