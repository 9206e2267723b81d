package io.rancherdesktop.rdd.cli;

import io.rancherdesktop.rdd.wire.KubeApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What {@code rdd set}, {@code rdd start} and {@code rdd stop} share: the automatic service start, the App write
 * (create with required zero values, or merge patch), and the wait for {@code Settled} (docs/design/upstream-cli.md §5).
 */
final class AppUpdate {

    private static final Logger log = LoggerFactory.getLogger(AppUpdate.class);

    /** The flags of the three commands. */
    record Options(boolean dryRun, boolean waitForSettled, Duration timeout) {
    }

    private final CliContext ctx;

    AppUpdate(CliContext ctx) {
        this.ctx = ctx;
    }

    /** Starts the service if needed (docs/design/upstream-cli.md §4) and returns an App client over its socket. */
    AppClient connect() {
        ServiceControl service = new ServiceControl(ctx);
        service.ensureReady();
        return new AppClient(new KubeApi(service.client()));
    }

    /**
     * Applies {@code arguments} ({@code PROPERTY=VALUE}, syntax already checked) to the App and waits as asked.
     *
     * @param client the connected client
     */
    void apply(AppClient client, List<String> arguments, Options options) {
        AppProperties properties = client.properties();
        List<AppProperties.Assignment> assignments = arguments.stream().map(properties::parse).toList();
        Map<String, Object> values = AppProperties.specPatch(assignments);
        AppClient.Written written;
        if (options.dryRun()) {
            if (client.get().isEmpty()) {
                // docs/design/upstream-cli.md §5.4: the App is really created (required defaults only), then the patch is dry-run.
                client.createOrPatch(properties.specForCreate(Map.of()), Map.of(), false);
                log.info("App \"app\" created with its defaults");
            }
            client.createOrPatch(properties.specForCreate(values), values, true);
            log.info("App \"app\" would be updated (dry run)");
            return;
        }
        written = client.createOrPatch(properties.specForCreate(values), values, false);
        log.info(written.created() ? "App \"app\" created" : written.changed() ? "App \"app\" updated" : "App \"app\" unchanged");
        if (!options.waitForSettled()) {
            return;
        }
        new AppStateWait(client, written.generation(), options.timeout()).await();
        log.info("App \"app\" has settled");
    }
}
