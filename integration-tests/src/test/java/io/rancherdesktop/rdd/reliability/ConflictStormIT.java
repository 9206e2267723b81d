package io.rancherdesktop.rdd.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.EventReasons;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainersGroup;
import io.rancherdesktop.rdd.api.containers.v1alpha1.LastAction;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;
import io.rancherdesktop.rdd.controller.engine.testing.Await;
import io.rancherdesktop.rdd.controller.engine.testing.EngineControllerHarness;
import io.rancherdesktop.rdd.controller.engine.testing.EngineFixtures;
import io.rancherdesktop.rdd.controller.engine.testing.TestApiServer;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import io.rancherdesktop.rdd.testing.RawApiClient;
import io.rancherdesktop.rdd.testing.RealDockerEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 16, "Conflict storm": 20 clients each send 50 {@code spec.state} requests and 50 label patches to one
 * Container while the engine controller serves the requests and writes the container's status (real dockerd, real
 * HTTPS). No request gets a 5xx; every accepted request is served (a {@code StateChanged} Event names its
 * generation) or visibly superseded by the next user request (docs/engine-mirroring.md §6: the engine resets only
 * the request it served); Docker ends in the state of the last accepted request; every label is there.
 * The figures (requests/s, p99) go to the output and to docs/reliability.md.
 */
@ExtendWith(RealDockerEngine.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConflictStormIT {
    private static final Duration T = EngineControllerHarness.TIMEOUT;
    private static final String R = "storm";
    private static final int CLIENTS = Integer.getInteger("rdd.storm.clients", 20);
    private static final int REQUESTS = Integer.getInteger("rdd.storm.requests", 50);
    private static final Pattern GENERATION = Pattern.compile("\\(generation (\\d+)\\) served: (\\S+) → (\\S+)$");

    private TestApiServer api;
    private EngineControllerHarness harness;
    private EngineFixtures fx;
    private DockerClient docker;

    @BeforeAll
    void start(DockerdProcess engine) {
        docker = engine.client();
        fx = new EngineFixtures(engine);
        api = TestApiServer.start();
        harness = EngineControllerHarness.start(api, R, engine::host);
        harness.awaitEngineReady(Conditions.TRUE, ConditionReasons.ContainerEngineReady.CONNECTED);
    }

    @AfterAll
    void stop() {
        try {
            if (harness != null) {
                harness.close();
            }
            if (api != null) {
                api.close();
            }
        } finally {
            if (fx != null) {
                fx.close();
            }
        }
    }

    /** One request a client sent: what, its HTTP status, its latency, and (a state request) the generation it got. */
    private record Sent(boolean state, RequestedState asked, String label, int status, double millis, long generation) {
    }

    /** One version of the Container as the watch saw it. */
    private record Seen(long generation, RequestedState state, Long servedGeneration, RunStatus status) {
    }

    private Container mirror(String id) {
        return harness.client().resources(Container.class).inNamespace(R).withName(id).get();
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void twentyClientsRacingStateRequestsAndLabelPatchesLoseNothingAndGetNo5xx() throws Exception {
        String id = docker.createContainerCmd(DockerdProcess.TEST_IMAGE).withName("storm_target")
                .withCmd("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.1; done")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec().getId();
        fx.removeContainerLater(id);
        Await.until("mirrored", T, () -> mirror(id) != null && mirror(id).getStatus() != null);
        String uid = mirror(id).getMetadata().getUid();
        String path = "/apis/" + ContainersGroup.GROUP + "/" + ContainersGroup.VERSION + "/namespaces/" + R + "/containers/" + id;

        List<Seen> history = new CopyOnWriteArrayList<>();
        List<Sent> sent = new CopyOnWriteArrayList<>();
        double seconds;
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try (Watch w = harness.client().resources(Container.class).inNamespace(R).withName(id).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Container c) {
                if (action == Action.BOOKMARK || c.getMetadata().getGeneration() == null) {
                    return;
                }
                LastAction a = c.getStatus() == null ? null : c.getStatus().getLastAction();
                history.add(new Seen(c.getMetadata().getGeneration(), c.getSpec().getState(),
                        a == null ? null : a.getObservedGeneration(), c.getStatus() == null ? null : c.getStatus().getStatus()));
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                RawApiClient http = RawApiClient.fromKubeconfig(api.runtime().kubeconfig());
                clients.add(pool.submit(() -> {
                    go.await();
                    for (int r = 0; r < REQUESTS; r++) {
                        RequestedState asked = ThreadLocalRandom.current().nextBoolean() ? RequestedState.RUNNING : RequestedState.CREATED;
                        long t0 = System.nanoTime();
                        RawApiClient.Reply reply = http.patch(path, "application/merge-patch+json",
                                "{\"spec\":{\"state\":\"" + asked.value() + "\"}}");
                        double ms = (System.nanoTime() - t0) / 1e6;
                        long generation = reply.status() == 200 ? reply.json().path("metadata").path("generation").asLong() : -1;
                        sent.add(new Sent(true, asked, null, reply.status(), ms, generation));

                        String label = String.format("storm-c%02d-r%02d", client, r);
                        t0 = System.nanoTime();
                        reply = http.patch(path, "application/merge-patch+json",
                                "{\"metadata\":{\"labels\":{\"" + label + "\":\"x\"}}}");
                        sent.add(new Sent(false, null, label, reply.status(), (System.nanoTime() - t0) / 1e6, -1));
                    }
                    return null;
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            for (Future<?> f : clients) {
                f.get(4, TimeUnit.MINUTES);
            }
            seconds = (System.nanoTime() - start) / 1e9;

            // Every accepted request, the last one above all, is consumed: spec.state back to unknown.
            long lastGeneration = sent.stream().filter(Sent::state).mapToLong(Sent::generation).max().orElseThrow();
            Await.until("the last request (generation " + lastGeneration + ") served", T, () -> {
                Container c = mirror(id);
                LastAction a = c.getStatus() == null ? null : c.getStatus().getLastAction();
                return c.getSpec().getState() == RequestedState.UNKNOWN && a != null && a.getObservedGeneration() != null
                        && a.getObservedGeneration() >= lastGeneration;
            });
            long finalGeneration = mirror(id).getMetadata().getGeneration();
            Await.until("the watch saw the final generation", T, () -> history.stream().anyMatch(s -> s.generation() == finalGeneration));
        } finally {
            pool.shutdownNow();
        }

        // No 5xx; in fact every request was accepted (merge patches carry no resourceVersion, so none conflicts).
        Map<Integer, Long> byStatus = sent.stream().collect(Collectors.groupingBy(Sent::status, Collectors.counting()));
        assertEquals(Map.of(200, (long) CLIENTS * REQUESTS * 2), byStatus, "HTTP statuses of all requests");

        // The user's generations and the state each asked for (requests that changed nothing share a generation).
        Map<Long, RequestedState> userGenerations = new HashMap<>();
        for (Sent s : sent) {
            if (s.state()) {
                RequestedState before = userGenerations.putIfAbsent(s.generation(), s.asked());
                assertTrue(before == null || before == s.asked(), "one generation, one state: " + s.generation());
            }
        }
        // The served generations, from the StateChanged Events: each served once.
        List<Event> events = harness.client().v1().events().inNamespace(R).list().getItems().stream()
                .filter(e -> uid.equals(e.getInvolvedObject().getUid())).toList();
        assertEquals(List.of(), events.stream().filter(e -> EventReasons.STATE_CHANGE_FAILED.equals(e.getReason()))
                .map(Event::getMessage).toList(), "no request failed");
        Map<Long, String> served = new HashMap<>();
        for (Event e : events.stream().filter(e -> EventReasons.STATE_CHANGED.equals(e.getReason())).toList()) {
            assertEquals("Normal", e.getType());
            Matcher m = GENERATION.matcher(e.getMessage());
            assertTrue(m.find(), e.getMessage());
            long g = Long.parseLong(m.group(1));
            assertEquals(1, e.getCount(), "served once: " + e.getMessage());
            assertEquals(null, served.put(g, m.group(3)), "one Event per served generation: " + e.getMessage());
            RequestedState asked = userGenerations.get(g);
            assertNotNull(asked, "only user requests are served: " + e.getMessage());
            assertTrue(asked == RequestedState.RUNNING ? m.group(3).equals("running") : Set.of("exited", "created").contains(m.group(3)),
                    "served as asked: " + e.getMessage());
        }

        // Not lost: each accepted request is served, or superseded by the very next generation, which is a user's.
        // A generation that is no user's is the engine's reset, and it only ever resets the request it served.
        long lastUser = userGenerations.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        long firstUser = userGenerations.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
        List<Long> lost = new ArrayList<>();
        for (long g : new TreeSet<>(userGenerations.keySet())) {
            if (!served.containsKey(g) && !userGenerations.containsKey(g + 1)) {
                lost.add(g);
            }
        }
        assertEquals(List.of(), lost, "requests neither served nor superseded; served " + served.keySet());
        for (long g = firstUser + 1; g <= lastUser; g++) {
            if (!userGenerations.containsKey(g)) {
                assertTrue(served.containsKey(g - 1), "generation " + g + " reset the unserved request " + (g - 1));
            }
        }
        assertTrue(served.containsKey(lastUser), "the last request was served");
        for (Seen s : history) {
            if (s.generation() >= firstUser && !userGenerations.containsKey(s.generation())) {
                assertEquals(RequestedState.UNKNOWN, s.state(), "only users set a state: " + s);
            }
        }
        long statusWrites = 0;
        for (int i = 1; i < history.size(); i++) {
            statusWrites += history.get(i).generation() == history.get(i - 1).generation()
                    && history.get(i).status() != history.get(i - 1).status() ? 1 : 0;
        }
        assertTrue(statusWrites >= 2, "the engine wrote the container's status during the storm: " + statusWrites);

        // Docker ends where the last accepted request asked.
        String dockerState = docker.inspectContainerCmd(id).exec().getState().getStatus();
        RequestedState last = userGenerations.get(lastUser);
        assertTrue(last == RequestedState.RUNNING ? dockerState.equals("running") : Set.of("exited", "created").contains(dockerState),
                "Docker is " + dockerState + ", the last request (generation " + lastUser + ") asked " + last.value());

        // Every label patch is there.
        Map<String, String> labels = mirror(id).getMetadata().getLabels();
        List<String> missing = sent.stream().filter(s -> !s.state()).map(Sent::label).filter(l -> !labels.containsKey(l)).toList();
        assertEquals(List.of(), missing, "labels lost");

        List<Double> all = sent.stream().map(Sent::millis).toList();
        List<Double> states = sent.stream().filter(Sent::state).map(Sent::millis).toList();
        List<Double> labelMs = sent.stream().filter(s -> !s.state()).map(Sent::millis).toList();
        ReliabilityFigures.report("ConflictStormIT",
                ReliabilityFigures.format("%d clients x %d state requests + %d label patches: %d requests in %.1f s = %.0f requests/s",
                        CLIENTS, REQUESTS, REQUESTS, all.size(), seconds, all.size() / seconds),
                ReliabilityFigures.format("latency p50 %.1f ms, p99 %.1f ms (state p99 %.1f ms, label p99 %.1f ms), max %.1f ms",
                        ReliabilityFigures.percentile(all, 50), ReliabilityFigures.percentile(all, 99),
                        ReliabilityFigures.percentile(states, 99), ReliabilityFigures.percentile(labelMs, 99),
                        ReliabilityFigures.percentile(all, 100)),
                ReliabilityFigures.format("%d distinct request generations: %d served (StateChanged), %d superseded; %d engine status writes seen",
                        userGenerations.size(), served.size(), userGenerations.size() - served.size(), statusWrites),
                "HTTP statuses: " + byStatus + "; Docker final state " + dockerState + " for the last request " + last.value());
    }
}
