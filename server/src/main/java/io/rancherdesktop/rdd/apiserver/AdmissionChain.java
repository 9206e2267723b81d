package io.rancherdesktop.rdd.apiserver;

import io.rancherdesktop.rdd.admission.AdmissionPlugin;
import io.rancherdesktop.rdd.admission.AdmissionRequest;
import io.rancherdesktop.rdd.admission.AdmissionResult;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the admission plugins of a write in the contract's order: every {@code mutate}, then (the caller's)
 * schema validation and defaulting, then every {@code validate}. A plugin that throws is a server error, not
 * an approval: the write is refused with 500 and nothing is stored.
 *
 * <p>Ahead of the configured plugins run the server's own built-in steps, which are part of the kinds they handle
 * rather than webhooks: {@link WebhookConfigurationGuard}. It reports failures by throwing
 * a {@link StatusException} (the kind's own 403, without the "admission webhook … denied" prefix), and it is not
 * published as webhook configurations; {@link #plugins()} is only the configured list.
 */
public final class AdmissionChain {
    private static final Logger log = LoggerFactory.getLogger(AdmissionChain.class);
    private final List<AdmissionPlugin> plugins;
    private final List<AdmissionPlugin> all;

    public AdmissionChain(List<AdmissionPlugin> plugins) {
        this.plugins = List.copyOf(plugins);
        List<AdmissionPlugin> chain = new ArrayList<>(List.of(new WebhookConfigurationGuard()));
        chain.addAll(plugins);
        this.all = List.copyOf(chain);
    }

    /** The configured plugins (without the built-in steps): what {@link WebhookConfigurations} publishes. */
    public List<AdmissionPlugin> plugins() {
        return plugins;
    }

    /** Runs the mutating phase; adds warnings to {@code warnings}. @throws StatusException on a denial */
    public void mutate(AdmissionRequest request, List<String> warnings) {
        for (AdmissionPlugin p : all) {
            if (handles(p, request)) {
                AdmissionResult r;
                try {
                    r = p.mutate(request);
                } catch (StatusException e) {
                    throw e; // a built-in step's own refusal
                } catch (RuntimeException e) {
                    throw failure(p, "mutate", request, e);
                }
                accept(p, r, request, warnings);
            }
        }
    }

    /** Runs the validating phase; adds warnings to {@code warnings}. @throws StatusException on a denial */
    public void validate(AdmissionRequest request, List<String> warnings) {
        for (AdmissionPlugin p : all) {
            if (handles(p, request)) {
                AdmissionResult r;
                try {
                    r = p.validate(request);
                } catch (StatusException e) {
                    throw e; // a built-in step's own refusal
                } catch (RuntimeException e) {
                    throw failure(p, "validate", request, e);
                }
                accept(p, r, request, warnings);
            }
        }
    }

    private static boolean handles(AdmissionPlugin p, AdmissionRequest request) {
        try {
            return p.handles(request);
        } catch (RuntimeException e) {
            throw failure(p, "handles", request, e);
        }
    }

    private static void accept(AdmissionPlugin p, AdmissionResult r, AdmissionRequest request, List<String> warnings) {
        switch (r) {
            case AdmissionResult.Allowed a -> warnings.addAll(a.warnings());
            case AdmissionResult.Denied d -> {
                List<StatusException.Cause> causes = new ArrayList<>();
                d.causes().forEach(c -> causes.add(new StatusException.Cause(c.reason(), c.message(), c.field())));
                String message = "admission webhook \"" + p.name() + "\" denied the request: " + d.message();
                if (d.code() == 422 && "Invalid".equals(d.reason())) {
                    StatusException inv = StatusException.invalid(request.group(), request.kind(), request.name(), causes);
                    throw new StatusException(422, "Invalid", message, inv.details());
                }
                throw new StatusException(d.code(), d.reason(), message,
                        new StatusException.Details(request.name() == null ? "" : request.name(), request.group(), request.plural(), causes));
            }
        }
    }

    private static StatusException failure(AdmissionPlugin p, String phase, AdmissionRequest request, RuntimeException e) {
        log.error("admission plugin {} failed in {} for {} {}/{}: {}", p.name(), phase, request.kind(), request.namespace(), request.name(), e.toString(), e);
        return StatusException.internal("admission plugin \"" + p.name() + "\" failed: " + e.getMessage());
    }
}
