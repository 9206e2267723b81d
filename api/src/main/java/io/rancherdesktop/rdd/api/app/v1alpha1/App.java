package io.rancherdesktop.rdd.api.app.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The desired state of the whole product: one cluster-scoped singleton named {@value #NAME}. The CEL rule is
 * for real clusters; the rdd API server enforces the same rule in admission.
 */
@Group(App.GROUP)
@Version(App.VERSION)
@Kind("App")
@Plural("apps")
@Singular("app")
@Categories("all")
@ValidationRule(value = "self.metadata.name == 'app'", message = App.NAME_MESSAGE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class App extends CustomResource<AppSpec, AppStatus> {

    public static final String GROUP = "app.rancherdesktop.io";
    public static final String VERSION = "v1alpha1";
    /** The only allowed name. */
    public static final String NAME = "app";
    /** The rejection message for any other name. */
    public static final String NAME_MESSAGE = "App resource must be named 'app'";
}
