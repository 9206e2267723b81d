package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.rancherdesktop.rdd.api.SchemaMergePatch;
import io.rancherdesktop.rdd.api.SchemaPatches;

/** A request to push an image. Served by the request controllers (docs/api.md §3.5). */
@Group(ContainersGroup.GROUP)
@Version(ContainersGroup.VERSION)
@Kind("ImagePushRequest")
@Plural("imagepushrequests")
@Singular("imagepushrequest")
@SchemaCustomizer(value = SchemaMergePatch.class, input = SchemaPatches.SPEC_REQUIRED)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImagePushRequest extends CustomResource<ImagePushRequestSpec, ImageRequestStatus> implements Namespaced {
}
