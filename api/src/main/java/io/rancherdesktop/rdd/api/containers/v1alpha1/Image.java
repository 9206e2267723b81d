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
 * The mirror of one image tag (or of a dangling image). Named {@code img-} + hex SHA-256 of
 * {@code id + "\0" + tag}, or of {@code id} alone when dangling. No spec.
 */
@Group(ContainersGroup.GROUP)
@Version(ContainersGroup.VERSION)
@Kind("Image")
@Plural("images")
@Singular("image")
@Categories("all")
@AdditionalPrinterColumn(name = "Tag", jsonPath = ".status.repoTag", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Created", jsonPath = ".status.createdAt", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Size", jsonPath = ".status.size", type = AdditionalPrinterColumn.Type.INTEGER)
@SchemaCustomizer(value = SchemaMergePatch.class, input = SchemaPatches.NO_SPEC)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Image extends CustomResource<Void, ImageStatus> implements Namespaced {
}
