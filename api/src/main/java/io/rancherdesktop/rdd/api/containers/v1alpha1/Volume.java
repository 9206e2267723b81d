package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.rancherdesktop.rdd.api.SchemaMergePatch;
import io.rancherdesktop.rdd.api.SchemaPatches;

/**
 * The mirror of one engine volume, named {@code vol-} + hex SHA-256 of the engine's volume name, which is always
 * a valid object name [C1]; the original name is in {@code status.name}. No spec.
 */
@Group(ContainersGroup.GROUP)
@Version(ContainersGroup.VERSION)
@Kind("Volume")
@Plural("volumes")
@Singular("volume")
@Categories("all")
@AdditionalPrinterColumn(name = "Driver", jsonPath = ".status.driver", type = AdditionalPrinterColumn.Type.STRING)
@SchemaCustomizer(value = SchemaMergePatch.class, input = SchemaPatches.NO_SPEC)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Volume extends CustomResource<Void, VolumeStatus> implements Namespaced {
}
