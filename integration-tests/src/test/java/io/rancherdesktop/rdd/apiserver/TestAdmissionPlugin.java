package io.rancherdesktop.rdd.apiserver;

import io.rancherdesktop.rdd.admission.AdmissionPlugin;
import io.rancherdesktop.rdd.admission.AdmissionRequest;
import io.rancherdesktop.rdd.admission.AdmissionResult;
import io.rancherdesktop.rdd.admission.Operation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny admission plugin for the wiring tests (the real ones belong to the model): on Widgets it
 * labels objects annotated {@code test/mutate}, warns, denies or forbids depending on {@code spec.note},
 * and forbids deleting Widgets labelled {@code protected=true}. It records what it saw.
 */
final class TestAdmissionPlugin implements AdmissionPlugin {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "widget-test.test.rancherdesktop.io";
    }

    @Override
    public boolean handles(AdmissionRequest request) {
        return request.isKind("test.rancherdesktop.io", "Widget");
    }

    @Override
    public AdmissionResult mutate(AdmissionRequest request) {
        seen.add("mutate " + request.operation() + " " + request.name() + (request.dryRun() ? " dry" : ""));
        if (request.object() != null && request.object().path("metadata").path("annotations").has("test/mutate")) {
            request.object().withObject("metadata").withObject("labels").put("mutated", "true");
        }
        return AdmissionResult.allowed();
    }

    @Override
    public AdmissionResult validate(AdmissionRequest request) {
        seen.add("validate " + request.operation() + " " + request.name() + (request.dryRun() ? " dry" : ""));
        if (request.operation() == Operation.DELETE) {
            if ("true".equals(request.oldObject().path("metadata").path("labels").path("protected").asText())) {
                return AdmissionResult.forbidden("widget is protected; remove the label first");
            }
            return AdmissionResult.allowed();
        }
        return switch (request.object().path("spec").path("note").asText("")) {
            case "deny" -> AdmissionResult.invalid("spec.note", "note must not be deny");
            case "forbid" -> AdmissionResult.forbidden("notes of this kind are forbidden");
            case "warn" -> AdmissionResult.warn("this note is \"suspicious\"");
            default -> AdmissionResult.allowed();
        };
    }
}
