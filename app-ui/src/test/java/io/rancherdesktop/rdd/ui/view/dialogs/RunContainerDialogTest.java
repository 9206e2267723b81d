package io.rancherdesktop.rdd.ui.view.dialogs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RunContainerDialogTest {

    @Test
    void theFormBecomesTheRequestSpec() {
        var spec = RunContainerDialog.spec(" busybox ", "web", "8080:80, 127.0.0.1:5353:53/udp, 9000", "A=1\n\n B=2 ",
                "data:/data, /home/me/src:/src:ro", "none", "sleep  3600");
        assertEquals("busybox", spec.getImage());
        assertEquals("web", spec.getName());
        assertEquals(List.of("80/tcp", "53/udp", "9000/tcp"), spec.getPorts().stream().map(p -> p.getName()).toList());
        assertEquals("127.0.0.1", spec.getPorts().get(1).getBindings().getFirst().getHostIP());
        assertEquals("5353", spec.getPorts().get(1).getBindings().getFirst().getHostPort());
        assertEquals("", spec.getPorts().get(2).getBindings().getFirst().getHostPort());
        assertEquals(List.of("A=1", "B=2"), spec.getEnv());
        assertEquals(List.of("volume", "bind"), spec.getMounts().stream().map(m -> m.getType()).toList());
        assertEquals(true, spec.getMounts().get(1).getReadOnly());
        assertEquals("none", spec.getNetworkMode());
        assertEquals(List.of("sleep", "3600"), spec.getArgs());
    }

    @Test
    void emptyFieldsAreLeftOutAndMalformedOnesAreRefusedWithWhatIsWrong() {
        var spec = RunContainerDialog.spec("busybox", "", "", "", "", "", "");
        assertNull(spec.getName());
        assertNull(spec.getPorts());
        assertNull(spec.getArgs());
        assertEquals("Volume \"data\" is not SOURCE:/path[:ro].",
                assertThrows(IllegalArgumentException.class, () -> RunContainerDialog.spec("b", "", "", "", "data", "", "")).getMessage());
        assertEquals("Port \"1:2:3:4\" is not [IP:]HOST:CONTAINER[/PROTO].",
                assertThrows(IllegalArgumentException.class, () -> RunContainerDialog.spec("b", "", "1:2:3:4", "", "", "", "")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> RunContainerDialog.spec(" ", "", "", "", "", "", ""));
    }
}
