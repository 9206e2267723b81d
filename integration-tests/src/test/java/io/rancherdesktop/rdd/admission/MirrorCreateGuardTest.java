package io.rancherdesktop.rdd.admission;

import static io.rancherdesktop.rdd.admission.Requests.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Issue 14 item 7: only the engine controller creates mirror objects. */
class MirrorCreateGuardTest {
    private final MirrorCreateGuard guard = new MirrorCreateGuard();
    private final ObjectNode container = json("{\"metadata\":{\"name\":\"c1\"},\"spec\":{\"state\":\"running\"}}");

    private static AdmissionRequest create(String kind, String plural, ObjectNode obj, UserInfo user) {
        return new AdmissionRequest(Operation.CREATE, "containers.rancherdesktop.io", "v1alpha1", kind, plural, "default", "c1", "",
                obj, null, false, user);
    }

    @Test
    void theOwnerCreatingAContainerIsForbiddenAndPointedAtContainerCreateRequest() {
        AdmissionResult r = guard.validate(create("Container", "containers", container, UserInfo.owner("unix-socket")));
        AdmissionResult.Denied d = assertInstanceOf(AdmissionResult.Denied.class, r);
        assertEquals(403, d.code());
        assertEquals("Forbidden", d.reason());
        assertTrue(d.message().contains("ContainerCreateRequest") && d.message().contains("rdd:owner"), d.message());
    }

    @Test
    void theEngineControllerCreatesEveryMirrorKind() {
        for (String[] k : new String[][] {{"Container", "containers"}, {"Image", "images"}, {"Volume", "volumes"},
                {"ContainerNamespace", "containernamespaces"}}) {
            AdmissionRequest engine = create(k[0], k[1], container, UserInfo.controller(UserInfo.ENGINE_CONTROLLER));
            assertTrue(guard.handles(engine), k[0]);
            assertEquals(AdmissionResult.allowed(), guard.validate(engine));
            assertInstanceOf(AdmissionResult.Denied.class, guard.validate(create(k[0], k[1], container, UserInfo.controller(UserInfo.APP_CONTROLLER))));
        }
    }

    @Test
    void updatesDeletesAndRequestKindsAreNotIntercepted() {
        AdmissionRequest update = new AdmissionRequest(Operation.UPDATE, "containers.rancherdesktop.io", "v1alpha1", "Container", "containers",
                "default", "c1", "", container, container, false, UserInfo.owner("token"));
        assertFalse(guard.handles(update));
        AdmissionRequest delete = new AdmissionRequest(Operation.DELETE, "containers.rancherdesktop.io", "v1alpha1", "Container", "containers",
                "default", "c1", "", null, container, false, UserInfo.owner("token"));
        assertFalse(guard.handles(delete));
        assertFalse(guard.handles(create("ContainerCreateRequest", "containercreaterequests", container, UserInfo.owner("token"))));
    }
}
