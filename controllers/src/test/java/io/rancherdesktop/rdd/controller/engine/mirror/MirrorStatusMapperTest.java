package io.rancherdesktop.rdd.controller.engine.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.Image;
import io.rancherdesktop.rdd.controller.engine.docker.DockerVolume;
import io.rancherdesktop.rdd.controller.engine.naming.ImageMirrorName;
import io.rancherdesktop.rdd.controller.engine.naming.VolumeMirrorName;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Status mapping of docs/api.md §3.2–3.4 from Engine API JSON (shapes as dockerd 20.10 sends them). */
class MirrorStatusMapperTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).findAndRegisterModules();
    private static final String CID = "4f1c".repeat(16);
    private static final String IMAGE_ID = "sha256:" + "ab".repeat(32);

    private static InspectContainerResponse container(String status, String name, String ports, String startedAt) throws Exception {
        String json = """
                {"Id":"%s","Created":"2024-05-01T10:00:00.123456789Z","Path":"sh","Args":["-c","sleep 1"],
                 "State":{"Status":"%s","Running":true,"Paused":false,"Restarting":false,"OOMKilled":false,"Dead":false,
                          "Pid":4242,"ExitCode":0,"Error":"","StartedAt":"%s","FinishedAt":"0001-01-01T00:00:00Z"},
                 "Image":"%s","Name":"%s",
                 "Config":{"Image":"busybox","Labels":{"z":"last","a":"first"},
                           "ExposedPorts":{"80/tcp":{},"443/tcp":{},"53/udp":{}}},
                 "NetworkSettings":{"Ports":%s}}
                """.formatted(CID, status, startedAt, IMAGE_ID, name, ports);
        return JSON.readValue(json, InspectContainerResponse.class);
    }

    @Test
    void containerStatusCarriesEveryFieldOfTheSpec() throws Exception {
        ContainerMirror m = MirrorStatusMapper.container(container("running", "/k8s.io/magical_gates",
                "{\"443/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"8443\"}],\"80/tcp\":null}", "2024-05-01T10:00:01Z"));
        ContainerMirrorStatus s = m.status();
        assertEquals(CID, m.name());
        assertEquals("magical_gates", s.name());
        assertEquals("k8s.io", s.namespace());
        assertEquals("sh", s.path());
        assertEquals(List.of("-c", "sleep 1"), s.args());
        assertEquals(IMAGE_ID, s.image());
        assertEquals(List.of("a", "z"), List.copyOf(s.labels().keySet()));
        assertEquals(ContainerRunState.RUNNING, s.status());
        assertEquals(4242, s.pid());
        assertEquals(0, s.exitCode());
        assertNull(s.error(), "an empty Docker error is omitted");
        assertEquals(Instant.parse("2024-05-01T10:00:00.123456789Z"), s.createdAt());
        assertEquals(Instant.parse("2024-05-01T10:00:01Z"), s.startedAt());
        assertNull(s.finishedAt(), "Docker's zero time is omitted");
    }

    @Test
    void portsAreSortedByNameWithBindingsSortedAndExposedUnpublishedPortsHaveNoBindings() throws Exception {
        ContainerMirrorStatus s = MirrorStatusMapper.container(container("running", "/web",
                "{\"80/tcp\":[{\"HostIp\":\"::\",\"HostPort\":\"8080\"},{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"8080\"},"
                        + "{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"10080\"}],\"53/udp\":null}", "2024-05-01T10:00:01Z")).status();
        assertEquals(List.of(
                new ContainerMirrorPort("443/tcp", List.of()),
                new ContainerMirrorPort("53/udp", List.of()),
                new ContainerMirrorPort("80/tcp", List.of(
                        new HostBinding("0.0.0.0", "10080"),
                        new HostBinding("0.0.0.0", "8080"),
                        new HostBinding("::", "8080")))), s.ports());
    }

    @Test
    void mappingTheSameInspectTwiceGivesEqualRecordsEvenWithPortsInAnotherOrder() throws Exception {
        var a = MirrorStatusMapper.container(container("exited", "/x",
                "{\"80/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"1\"},{\"HostIp\":\"::\",\"HostPort\":\"1\"}]}", "2024-05-01T10:00:01Z"));
        var b = MirrorStatusMapper.container(container("exited", "/x",
                "{\"80/tcp\":[{\"HostIp\":\"::\",\"HostPort\":\"1\"},{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"1\"}]}", "2024-05-01T10:00:01Z"));
        assertEquals(a, b);
        assertEquals(JSON.writeValueAsString(a), JSON.writeValueAsString(b), "serialised byte-identically (§4.6)");
    }

    @ParameterizedTest
    @CsvSource({"created,CREATED", "running,RUNNING", "paused,PAUSED", "restarting,RESTARTING", "removing,REMOVING",
        "exited,EXITED", "dead,DEAD", "pausing,PAUSING", "Running,UNKNOWN", "up,UNKNOWN", "'',UNKNOWN"})
    void dockerStatusStringsMapOneToOneElseUnknown(String docker, ContainerRunState expected) {
        assertEquals(expected, ContainerRunState.fromDocker(docker));
    }

    @Test
    void conditionsAreTrueExactlyWhenTheStatusEqualsTheirWordAndOomKilledIsUnknown() {
        var paused = ContainerConditions.derive(ContainerRunState.PAUSED);
        assertEquals(List.of(
                new MirrorCondition("Running", ConditionStatus.FALSE, "NotRunning"),
                new MirrorCondition("Paused", ConditionStatus.TRUE, "Paused"),
                new MirrorCondition("Restarting", ConditionStatus.FALSE, "NotRestarting"),
                new MirrorCondition("Dead", ConditionStatus.FALSE, "NotDead"),
                new MirrorCondition("OOMKilled", ConditionStatus.UNKNOWN, "OOMKilled")), paused);
        for (ContainerRunState s : ContainerRunState.values()) {
            var byType = ContainerConditions.derive(s).stream()
                    .collect(java.util.stream.Collectors.toMap(MirrorCondition::type, MirrorCondition::status));
            assertEquals(ConditionStatus.of(s == ContainerRunState.RUNNING), byType.get("Running"), s.name());
            assertEquals(ConditionStatus.of(s == ContainerRunState.DEAD), byType.get("Dead"), s.name());
        }
    }

    @Test
    void imageGetsOneMirrorPerTagWithSortedDigestsAndTheDerivedNames() throws Exception {
        String json = """
                {"Id":"%s","RepoTags":["example/app:Tag_UPPER_1","example/app:latest","example/app:latest"],
                 "RepoDigests":["example/app@sha256:ff","example/app@sha256:00"],
                 "Created":"2024-05-01T09:00:00Z","Architecture":"amd64","Os":"linux","Size":1234,
                 "Config":{"Labels":{"b":"2","a":"1"}}}
                """.formatted(IMAGE_ID);
        List<ImageMirror> mirrors = MirrorStatusMapper.images(JSON.readValue(json, InspectImageResponse.class));
        assertEquals(2, mirrors.size(), "duplicate tags collapse");
        ImageMirror upper = mirrors.getFirst();
        assertEquals(ImageMirrorName.of(IMAGE_ID, "example/app:Tag_UPPER_1"), upper.name());
        assertTrue(upper.name().matches("^img-[0-9a-f]{64}$"));
        ImageMirrorStatus s = upper.status();
        assertEquals("moby", s.namespace());
        assertEquals(IMAGE_ID, s.id());
        assertEquals("example/app:Tag_UPPER_1", s.repoTag());
        assertEquals(List.of("example/app@sha256:00", "example/app@sha256:ff"), s.repoDigests());
        assertEquals(Instant.parse("2024-05-01T09:00:00Z"), s.createdAt());
        assertEquals("amd64", s.architecture());
        assertEquals("linux", s.os());
        assertEquals(1234, s.size());
        assertEquals(Map.of("a", "1", "b", "2"), s.labels());
    }

    @Test
    void untaggedImageGetsOneDanglingMirrorWithoutRepoTagAndListAndInspectAgreeOnItsName() throws Exception {
        String inspect = "{\"Id\":\"%s\",\"RepoTags\":[],\"RepoDigests\":[\"<none>@<none>\"],\"Size\":1}".formatted(IMAGE_ID);
        List<ImageMirror> mirrors = MirrorStatusMapper.images(JSON.readValue(inspect, InspectImageResponse.class));
        assertEquals(1, mirrors.size());
        assertNull(mirrors.getFirst().status().repoTag());
        assertEquals(List.of(), mirrors.getFirst().status().repoDigests());
        Image listed = JSON.readValue("{\"Id\":\"%s\",\"RepoTags\":[\"<none>:<none>\"]}".formatted(IMAGE_ID), Image.class);
        assertEquals(List.of(mirrors.getFirst().name()), List.copyOf(MirrorStatusMapper.imageNames(listed)));
    }

    @Test
    void c1VolumeMirrorKeepsTheOriginalNameInStatusAndIsNamedByItsHash() {
        VolumeMirror m = MirrorStatusMapper.volume(new DockerVolume("My_Vol_Ume", "local", "/var/lib/docker/volumes/My_Vol_Ume/_data",
                "2024-05-01T10:00:00+02:00", Map.of("k", "v"), "local", null));
        assertEquals(VolumeMirrorName.of("My_Vol_Ume"), m.name());
        assertEquals("My_Vol_Ume", m.status().name());
        assertEquals("moby", m.status().namespace());
        assertEquals(Instant.parse("2024-05-01T08:00:00Z"), m.status().createdAt());
        assertEquals("local", m.status().driver());
        assertEquals("local", m.status().scope());
        assertEquals(Map.of(), m.status().options());
        assertEquals(Map.of("k", "v"), m.status().labels());
    }

    @Test
    void containerInspectDetailsCarryEnvMountsNetworksRestartPolicyHealthAndPortBindings() throws Exception {
        String json = """
                {"Id":"%s","Created":"2024-05-01T10:00:00Z","Path":"sh","Args":[],"Name":"/web","Image":"%s",
                 "RestartCount":2,
                 "State":{"Status":"running","Pid":1,"ExitCode":0,"StartedAt":"2024-05-01T10:00:01Z",
                          "FinishedAt":"0001-01-01T00:00:00Z",
                          "Health":{"Status":"unhealthy","FailingStreak":3,"Log":[
                              {"Start":"2024-05-01T10:00:02Z","End":"2024-05-01T10:00:03Z","ExitCode":0,"Output":"ok"},
                              {"Start":"2024-05-01T10:00:04Z","End":"2024-05-01T10:00:05Z","ExitCode":1,"Output":"boom\\n"}]}},
                 "Config":{"Env":["PATH=/bin","B=2","A=1"]},
                 "HostConfig":{"RestartPolicy":{"Name":"on-failure","MaximumRetryCount":5},
                               "PortBindings":{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"8080"}],"53/udp":[{"HostIp":"","HostPort":""}]}},
                 "Mounts":[
                   {"Type":"volume","Name":"data","Source":"/var/lib/docker/volumes/data/_data","Destination":"/data",
                    "Driver":"local","Mode":"z","RW":true},
                   {"Type":"bind","Source":"/home/me/src","Destination":"/src","Mode":"ro","RW":false},
                   {"Type":"tmpfs","Source":"","Destination":"/run","Mode":"","RW":true}],
                 "NetworkSettings":{"Ports":{},"Networks":{
                   "zeta":{"IPAddress":"172.18.0.2","MacAddress":"02:42:ac:12:00:02"},
                   "bridge":{"IPAddress":"172.17.0.3","MacAddress":"02:42:ac:11:00:03"},
                   "none":{"IPAddress":"","MacAddress":""}}}}
                """.formatted(CID, IMAGE_ID);
        ContainerDetails d = MirrorStatusMapper.container(JSON.readValue(json, InspectContainerResponse.class)).status().details();
        assertEquals(List.of("PATH=/bin", "B=2", "A=1"), d.env(), "env keeps Docker's order");
        assertEquals(List.of(
                new MountPoint(MountPoint.MountType.VOLUME, "data", null, "/data", "z", true),
                new MountPoint(MountPoint.MountType.TMPFS, null, null, "/run", null, true),
                new MountPoint(MountPoint.MountType.BIND, null, "/home/me/src", "/src", "ro", false)), d.mounts());
        assertEquals(List.of("data"), d.volumeNames());
        assertEquals(List.of(new NetworkEndpoint("bridge", "172.17.0.3", "02:42:ac:11:00:03"),
                new NetworkEndpoint("none", null, null),
                new NetworkEndpoint("zeta", "172.18.0.2", "02:42:ac:12:00:02")), d.networks());
        assertEquals(new RestartSetting("on-failure", 5), d.restartPolicy());
        assertEquals(2, d.restartCount());
        assertEquals(new HealthReport("unhealthy", 3, "boom\n", 1), d.health(), "the newest probe of the log");
        assertEquals(List.of(new ContainerMirrorPort("53/udp", List.of(new HostBinding("", ""))),
                new ContainerMirrorPort("80/tcp", List.of(new HostBinding("127.0.0.1", "8080")))), d.portBindings());
    }

    @Test
    void aContainerWithoutHealthcheckOrRestartPolicyHasNeither() throws Exception {
        ContainerDetails d = MirrorStatusMapper.container(container("running", "/web", "{}", "2024-05-01T10:00:01Z"))
                .status().details();
        assertNull(d.health());
        assertNull(d.restartPolicy());
        assertEquals(List.of(), d.mounts());
        assertEquals(List.of(), d.env());
        assertEquals(0, d.restartCount());
    }

    @Test
    void imageStatusCountsLayersAndStartsWithoutUsers() throws Exception {
        String json = """
                {"Id":"%s","RepoTags":["busybox:latest"],"Os":"linux","Architecture":"amd64","Size":1,
                 "RootFS":{"Type":"layers","Layers":["sha256:1","sha256:2","sha256:3"]}}
                """.formatted(IMAGE_ID);
        ImageMirror m = MirrorStatusMapper.images(JSON.readValue(json, InspectImageResponse.class)).getFirst();
        assertEquals(3, m.status().layers());
        assertEquals(List.of(), m.status().usedBy());
        assertEquals(List.of("a", "b"), m.withUsedBy(List.of("b", "a", "b")).status().usedBy(), "sorted, no duplicates");
    }
}
