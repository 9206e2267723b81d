package io.rancherdesktop.rdd.cli.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rancherdesktop.rdd.wire.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergePatchTest {
    private static Map<String, Object> j(String s) {
        return Json.parseObject(s);
    }

    @Test
    void threeWayDeletesWhatWasAppliedBeforeAndKeepsWhatOthersSet() {
        Map<String, Object> original = j("{\"data\":{\"a\":\"1\",\"b\":\"2\"}}");
        Map<String, Object> modified = j("{\"data\":{\"a\":\"1\",\"c\":\"3\"}}");
        Map<String, Object> current = j("{\"data\":{\"a\":\"1\",\"b\":\"2\",\"x\":\"set-by-controller\"},\"status\":{\"ok\":true}}");
        assertEquals("{\"data\":{\"b\":null,\"c\":\"3\"}}", Json.write(MergePatch.threeWay(original, modified, current)));
    }

    @Test
    void threeWayIsEmptyWhenNothingChanged() {
        Map<String, Object> cfg = j("{\"spec\":{\"n\":1,\"l\":[1,2]}}");
        assertEquals(Map.of(), MergePatch.threeWay(cfg, cfg, j("{\"spec\":{\"n\":1.0,\"l\":[1,2]},\"status\":{}}")));
    }

    @Test
    void threeWayWithoutLastAppliedOnlySets() {
        assertEquals("{\"spec\":{\"n\":2}}", Json.write(MergePatch.threeWay(null, j("{\"spec\":{\"n\":2}}"), j("{\"spec\":{\"n\":1,\"m\":5}}"))));
    }

    @Test
    void listsAreReplacedWhole() {
        assertEquals("{\"l\":[3]}", Json.write(MergePatch.twoWay(j("{\"l\":[1,2]}"), j("{\"l\":[3]}"))));
    }
}
