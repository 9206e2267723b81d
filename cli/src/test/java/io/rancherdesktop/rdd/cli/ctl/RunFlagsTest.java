package io.rancherdesktop.rdd.cli.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunFlagsTest {

    @Test
    void portSpecsInDockerSyntaxBecomeNamedPortsWithBindings() {
        assertEquals(Map.of("name", "80/tcp", "bindings", List.of(Map.of("hostPort", ""))), RunFlags.port("80"));
        assertEquals(Map.of("name", "80/tcp", "bindings", List.of(Map.of("hostPort", "8080"))), RunFlags.port("8080:80"));
        assertEquals(Map.of("name", "53/udp", "bindings", List.of(Map.of("hostIP", "127.0.0.1", "hostPort", "5353"))),
                RunFlags.port("127.0.0.1:5353:53/udp"));
        assertEquals(Map.of("name", "80/tcp", "bindings", List.of(Map.of("hostIP", "127.0.0.1", "hostPort", ""))),
                RunFlags.port("127.0.0.1::80"));
        assertEquals(Map.of("name", "80/tcp", "bindings", List.of(Map.of("hostIP", "::1", "hostPort", "8080"))),
                RunFlags.port("[::1]:8080:80"));
    }

    @Test
    void twoBindingsOfOnePortMergeIntoOneEntry() {
        var ports = RunFlags.ports(List.of("8080:80", "8081:80"));
        assertEquals(1, ports.size());
        assertEquals(2, ((List<?>) ports.getFirst().get("bindings")).size());
    }

    @Test
    void invalidPortSpecsAreRejectedNamingTheSpec() {
        for (String bad : List.of("http", "80/xyz", "99999", "8080:0", "a:b:c:80", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunFlags.port(bad), bad);
            assertTrue(e.getMessage().contains("\"" + bad + "\""), e.getMessage());
        }
    }

    @Test
    void volumeSpecsAreNamedVolumesOrBindMountsByTheirSource() {
        assertEquals(Map.of("type", "volume", "source", "data", "destination", "/data"), RunFlags.mount("data:/data"));
        assertEquals(Map.of("type", "bind", "source", "/srv", "destination", "/srv", "readOnly", true), RunFlags.mount("/srv:/srv:ro"));
        assertThrows(IllegalArgumentException.class, () -> RunFlags.mount("/anonymous"));
        assertThrows(IllegalArgumentException.class, () -> RunFlags.mount("data:relative"));
        assertThrows(IllegalArgumentException.class, () -> RunFlags.mount("data:/d:zz"));
    }

    @Test
    void restartPoliciesAndEnvFollowDockerRun() {
        assertEquals(Map.of("name", "on-failure", "maximumRetryCount", 3), RunFlags.restart("on-failure:3"));
        assertEquals(Map.of("name", "unless-stopped"), RunFlags.restart("unless-stopped"));
        assertThrows(IllegalArgumentException.class, () -> RunFlags.restart("always:3"));
        assertThrows(IllegalArgumentException.class, () -> RunFlags.restart("sometimes"));
        assertEquals(List.of("A=1", "HOME=/h"), RunFlags.env(List.of("A=1", "HOME", "UNSET"), Map.of("HOME", "/h")));
    }
}
