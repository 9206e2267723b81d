package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.rancherdesktop.rdd.api.SchemaMergePatch;
import io.rancherdesktop.rdd.api.SchemaPatches;

/**
 * An engine namespace ({@value #MOBY} for Docker), named by {@code status.namespace} of the mirrors. Metadata
 * only; the engine writes {@value #MOBY} at every full sync without a finalizer [I2].
 */
@Group(ContainersGroup.GROUP)
@Version(ContainersGroup.VERSION)
@Kind("ContainerNamespace")
@Plural("containernamespaces")
@Singular("containernamespace")
@ShortNames("cns")
@Categories("all")
@SchemaCustomizer(value = SchemaMergePatch.class, input = SchemaPatches.METADATA_ONLY)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerNamespace extends CustomResource<Void, Void> implements Namespaced {

    /** Docker's only namespace. */
    public static final String MOBY = "moby";
}
