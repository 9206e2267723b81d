package io.rancherdesktop.rdd.admission;

import java.util.List;

/** The verdict of one admission plugin. */
public sealed interface AdmissionResult {

    /** Allowed, with warnings the server returns as {@code Warning: 299 - "<text>"} headers. */
    record Allowed(List<String> warnings) implements AdmissionResult {
        public Allowed {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Rejected. The server turns this into a {@code Status} object with this code and reason
     * (e.g. 422/{@code Invalid}, 403/{@code Forbidden}, 400/{@code BadRequest}) and field causes.
     */
    record Denied(int code, String reason, String message, List<Cause> causes) implements AdmissionResult {
        public Denied {
            causes = List.copyOf(causes);
        }
    }

    /** One field-level cause, as in {@code Status.details.causes[]}, e.g. {@code FieldValueInvalid} on {@code spec.state}. */
    record Cause(String reason, String message, String field) {
    }

    AdmissionResult ALLOWED = new Allowed(List.of());

    static AdmissionResult allowed() {
        return ALLOWED;
    }

    static AdmissionResult warn(String warning) {
        return new Allowed(List.of(warning));
    }

    /** 422 Invalid naming one field. */
    static AdmissionResult invalid(String field, String message) {
        return new Denied(422, "Invalid", message, List.of(new Cause("FieldValueInvalid", message, field)));
    }

    /** 403 Forbidden. */
    static AdmissionResult forbidden(String message) {
        return new Denied(403, "Forbidden", message, List.of());
    }
}
