package io.rancherdesktop.rdd.cli;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.ConditionTypes;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.app.v1alpha1.AppSpec;
import io.rancherdesktop.rdd.api.app.v1alpha1.AppStatus;
import io.rancherdesktop.rdd.apiserver.ApiMetrics;
import io.rancherdesktop.rdd.wire.KubeApi;
import io.rancherdesktop.rdd.wire.UnixHttpClient;
import io.rancherdesktop.rdd.controller.StatusWriter;
import io.rancherdesktop.rdd.store.ObjectStore;
import io.rancherdesktop.rdd.testing.ApiServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wait of {@code rdd set} over the lean Unix-socket client against the real API server: it survives watches
 * that close and versions that fall out of the server's history [S3], its deadline exits 4, and a terminal failure
 * ({@code Settled=False/StartFailed} at the target generation) exits 5 at once.
 */
class AppStateWaitIT {

    private static final String APPS = "apps.app.rancherdesktop.io";

    /** A history of five events: any burst of writes makes an old resume version expire (410 Gone). */
    @RegisterExtension
    static final ApiServerExtension API = ApiServerExtension.builder()
            .storeOptions(new ObjectStore.Options(5, 10_000)).build();

    private KubernetesClient client;
    private long generation;

    @BeforeEach
    void anUnsettledApp() {
        client = API.running().client();
        Resource<App> app = client.resources(App.class).withName(App.NAME);
        if (app.get() == null) {
            App a = new App();
            a.getMetadata().setName(App.NAME);
            a.setSpec(new AppSpec());
            a.getSpec().setRunning(false);
            client.resource(a).create();
        }
        generation = app.get().getMetadata().getGeneration();
        settled(Conditions.FALSE, ConditionReasons.Settled.APPLYING_TEMPLATE, generation);
    }

    private void settled(String status, String reason, long observedGeneration) {
        Resource<App> app = client.resources(App.class).withName(App.NAME);
        StatusWriter.update(client, app, generation, fresh -> {
            AppStatus st = fresh.getStatus() == null ? new AppStatus() : fresh.getStatus();
            fresh.setStatus(st);
            return Conditions.setIn(st, Conditions.condition(ConditionTypes.SETTLED, status, reason, "test says " + reason,
                    observedGeneration), Instant.now());
        });
    }

    private static AppClient appClient() {
        return new AppClient(new KubeApi(new UnixHttpClient(API.running().paths().apiSocket(), "rdd-test")));
    }

    private static ApiMetrics metrics() {
        return API.running().runtime().apiServer().metrics();
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50); // polling an observable counter, with a deadline
        }
    }

    /**
     * The wait blocks on its watch, so it gets a thread of its own: on the common pool (one worker on a two-core
     * machine) it would starve the fabric8 client's async continuations that the test's own writes need.
     */
    private CompletableFuture<Void> waitInBackground(Duration timeout) {
        long target = generation;
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().name("rdd-set-wait").start(() -> {
            try {
                new AppStateWait(appClient(), target, timeout, Duration.ofSeconds(1)).await();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    @Test
    void resumesWhenTheWatchClosesAndReturnsOnlyForACurrentSettled_S3() throws Exception {
        long watches = metrics().count("watch", APPS);
        CompletableFuture<Void> wait = waitInBackground(Duration.ofSeconds(60));
        eventually("the watch to close and be resumed twice", () -> metrics().count("watch", APPS) >= watches + 3);
        assertFalse(wait.isDone(), "a closed watch is no reason to stop waiting");

        settled(Conditions.TRUE, ConditionReasons.Settled.SETTLED, generation - 1);
        long now = metrics().count("watch", APPS);
        eventually("one more watch round", () -> metrics().count("watch", APPS) >= now + 1);
        assertFalse(wait.isDone(), "Settled=True for an older generation says nothing about this write");

        settled(Conditions.TRUE, ConditionReasons.Settled.SETTLED, generation);
        wait.get(10, TimeUnit.SECONDS);
    }

    @Test
    void relistsWhenTheResumeVersionFellOutOfTheHistory_S3() throws Exception {
        long gets = metrics().count("get", APPS);
        long watches = metrics().count("watch", APPS);
        CompletableFuture<Void> wait = waitInBackground(Duration.ofSeconds(60));
        eventually("the first watch", () -> metrics().count("watch", APPS) >= watches + 1);
        for (int i = 0; i < 20; i++) {
            client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
                    .withName("churn-" + System.nanoTime()).endMetadata().build()).create();
        }
        eventually("a re-list after 410 Gone", () -> metrics().count("get", APPS) >= gets + 2);
        assertFalse(wait.isDone());
        settled(Conditions.TRUE, ConditionReasons.Settled.SETTLED, generation);
        wait.get(10, TimeUnit.SECONDS);
    }

    @Test
    void anExpiredDeadlineExits4WithContextDeadlineExceeded() {
        CliException e = assertThrows(CliException.class,
                () -> new AppStateWait(appClient(), generation, Duration.ofMillis(1500), Duration.ofSeconds(1)).await());
        assertEquals(ExitCodes.DEADLINE, e.exitCode());
        assertTrue(e.getMessage().startsWith("timed out waiting for App state"), e.getMessage());
        assertTrue(e.getMessage().endsWith("context deadline exceeded"), e.getMessage());
        assertTrue(e.getMessage().contains("ApplyingTemplate"), "the message says what it was waiting for: " + e.getMessage());
    }

    @Test
    void aTerminalFailureAtTheTargetGenerationEndsTheWaitAtOnceWithExit5AndItsMessage() throws Exception {
        Instant start = Instant.now();
        CompletableFuture<Void> wait = waitInBackground(Duration.ofSeconds(60));
        // An older generation's failure says nothing about this write; a non-terminal reason is waited out.
        settled(Conditions.FALSE, ConditionReasons.Running.START_FAILED, generation - 1);
        settled(Conditions.FALSE, ConditionReasons.ContainerEngineReady.CONNECT_FAILED, generation);
        long now = metrics().count("watch", APPS);
        eventually("one more watch round", () -> metrics().count("watch", APPS) >= now + 1);
        assertFalse(wait.isDone(), "ConnectFailed is retried by the engine controller: not terminal");

        settled(Conditions.FALSE, ConditionReasons.Running.START_FAILED, generation);
        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> wait.get(10, TimeUnit.SECONDS));
        CliException failed = (CliException) e.getCause();
        assertEquals(ExitCodes.FAILED, failed.exitCode());
        assertTrue(failed.getMessage().contains("test says StartFailed (StartFailed)"), failed.getMessage());
        assertTrue(Duration.between(start, Instant.now()).compareTo(Duration.ofSeconds(30)) < 0, "long before the 60 s timeout");
    }

    @Test
    void aTerminalFailureAlreadyReportedEndsTheWaitWithoutAWatch() {
        settled(Conditions.FALSE, ConditionReasons.Running.STOP_FAILED, generation);
        long watches = metrics().count("watch", APPS);
        CliException e = assertThrows(CliException.class, () -> new AppStateWait(appClient(), generation, Duration.ofSeconds(30)).await());
        assertEquals(ExitCodes.FAILED, e.exitCode());
        assertEquals(watches, metrics().count("watch", APPS));
    }

    @Test
    void anAlreadySettledAppReturnsAtOnce() {
        settled(Conditions.TRUE, ConditionReasons.Settled.SETTLED, generation);
        long watches = metrics().count("watch", APPS);
        new AppStateWait(appClient(), generation, Duration.ofSeconds(5)).await();
        assertEquals(watches, metrics().count("watch", APPS), "no watch is needed when the first read is settled");
    }
}
