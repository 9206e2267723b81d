package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.CliContext;
import io.rancherdesktop.rdd.cli.CliException;
import io.rancherdesktop.rdd.cli.ExitCodes;
import io.rancherdesktop.rdd.cli.ServiceControl;
import io.rancherdesktop.rdd.wire.ApiException;
import io.rancherdesktop.rdd.wire.ApiResource;
import io.rancherdesktop.rdd.wire.DiscoveryCache;
import io.rancherdesktop.rdd.wire.KubeApi;
import io.rancherdesktop.rdd.instance.ServiceStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.net.SocketException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one {@code rdd ctl} command shares: the automatic service start, the API client over the Unix socket, and
 * resource-type resolution through discovery (cached on disk per service run, so a warm {@code get} is one
 * request).
 */
final class CtlSession {
    static final String DEFAULT_NAMESPACE = "default";

    private final CliContext ctx;
    private final ServiceControl control;
    private ServiceStatus status;
    private KubeApi api;
    private List<ApiResource> resources;
    private boolean resourcesFresh;

    CtlSession(CliContext ctx) {
        this.ctx = ctx;
        this.control = new ServiceControl(ctx);
    }

    CliContext ctx() {
        return ctx;
    }

    PrintStream out() {
        return ctx.out();
    }

    /** A call against the API. */
    @FunctionalInterface
    interface Call<T> {
        T run(KubeApi api) throws IOException, ApiException;
    }

    /**
     * Runs a call after the automatic service start. If the service went away although the cache said it was
     * ready (crash, restart), the cache is dropped, the service (re)started and the call retried once.
     */
    <T> T call(Call<T> call) throws ApiException {
        KubeApi a = api();
        try {
            return call.run(a);
        } catch (SocketException | NoSuchFileException notListening) {
            new DiscoveryCache(ctx.paths().cliCache()).clear();
            status = control.ensureReady();
            try {
                return call.run(a);
            } catch (IOException e) {
                throw ioFailure(e);
            }
        } catch (IOException e) {
            throw ioFailure(e);
        }
    }

    private CliException ioFailure(IOException e) {
        if (e instanceof java.net.SocketTimeoutException) {
            // --request-timeout passed: kubectl's words, then which request it was
            return CliException.plain(ExitCodes.GENERIC, "context deadline exceeded (" + e.getMessage() + ")");
        }
        return CliException.plain(ExitCodes.GENERIC, "error: cannot talk to the rdd service at " + ctx.paths().apiSocket() + ": " + e);
    }

    KubeApi api() {
        if (api == null) {
            // The common case, checked here so the cache is read once: the service runs and this CLI has seen it
            // ready (and usually its discovery) before. Otherwise the automatic start does the work.
            ServiceStatus st = ServiceStatus.of(ctx.paths());
            Optional<DiscoveryCache.Entry> known = st.runId().flatMap(id -> new DiscoveryCache(ctx.paths().cliCache()).load(id));
            if (known.isPresent()) {
                status = st;
                resources = known.get().resources();
            } else {
                status = control.ensureReady();
            }
            api = new KubeApi(control.client().withRequestTimeout(ctx.kubectl().requestTimeout()));
        }
        return api;
    }

    /** When the running service started (its PID file's time), for {@code --since startup}. */
    Instant serviceStart() {
        api();
        return status.startedAt().orElse(Instant.EPOCH);
    }

    /** Every resource type, from the cache for this service run or from discovery. */
    List<ApiResource> resources(boolean refresh) throws ApiException {
        api();
        if (resources != null && (!refresh || resourcesFresh)) {
            return resources;
        }
        DiscoveryCache cache = new DiscoveryCache(ctx.paths().cliCache());
        String runId = status.runId().orElse("");
        if (!refresh && resources == null) {
            Optional<DiscoveryCache.Entry> e = cache.load(runId);
            if (e.isPresent() && e.get().resources() != null) {
                resources = e.get().resources();
                return resources;
            }
        }
        resources = call(KubeApi::discover);
        resourcesFresh = true;
        cache.store(runId, resources);
        return resources;
    }

    /**
     * Resolves a type as kubectl does: plural, singular, kind or short name, optionally qualified by group
     * ({@code apps.rdd.rancherdesktop.io}) or version and group. An unknown type refreshes discovery once.
     */
    ApiResource resolve(String type) throws ApiException {
        Optional<ApiResource> r = match(resources(false), type);
        if (r.isEmpty() && !resourcesFresh) {
            r = match(resources(true), type);
        }
        return r.orElseThrow(() -> CliException.plain(ExitCodes.GENERIC, "error: the server doesn't have a resource type \"" + type + "\""));
    }

    /** The type of a manifest's {@code apiVersion} and {@code kind}. */
    ApiResource resolveKind(String apiVersion, String kind) throws ApiException {
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        for (boolean refresh : new boolean[] {false, true}) {
            for (ApiResource r : resources(refresh)) {
                if (r.kind().equals(kind) && r.group().equals(group)) {
                    return r;
                }
            }
        }
        throw CliException.plain(ExitCodes.GENERIC, "error: resource mapping not found for kind \"" + kind + "\" in version \"" + apiVersion
                + "\"; ensure the resource type is served by rdd");
    }

    /** Resources in a category ({@code all}). */
    List<ApiResource> category(String name) throws ApiException {
        List<ApiResource> out = new ArrayList<>();
        for (ApiResource r : resources(false)) {
            if (r.categories().contains(name)) {
                out.add(r);
            }
        }
        return out;
    }

    static Optional<ApiResource> match(List<ApiResource> all, String type) {
        String t = type.toLowerCase(Locale.ROOT);
        ApiResource best = null;
        for (ApiResource r : all) {
            if (names(r, t)) {
                if (best == null || (r.group().isEmpty() && !best.group().isEmpty())) {
                    best = r;
                }
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        int dot = t.indexOf('.');
        if (dot > 0) {
            String res = t.substring(0, dot);
            String qualifier = t.substring(dot + 1);
            for (ApiResource r : all) {
                if (names(r, res) && (r.group().equals(qualifier) || (r.version() + "." + r.group()).equals(qualifier))) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean names(ApiResource r, String t) {
        return r.name().equals(t) || r.singular().equals(t) || r.kind().toLowerCase(Locale.ROOT).equals(t) || r.shortNames().contains(t);
    }
}
