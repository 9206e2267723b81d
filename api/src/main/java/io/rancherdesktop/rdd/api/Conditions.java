package io.rancherdesktop.rdd.api;

import io.fabric8.kubernetes.api.model.Condition;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reading and writing standard Kubernetes conditions ({@code type, status, reason, message,
 * lastTransitionTime, observedGeneration}).
 *
 * <p>Rules every writer relies on (docs/api.md §0): {@code lastTransitionTime} changes only when {@code status}
 * changes; every written condition carries the {@code observedGeneration} of the object the writer read; a write
 * that changes nothing is reported as {@linkplain Update#changed() unchanged} so writers can skip it (and so avoid
 * bumping the {@code resourceVersion} and waking every watcher). Written conditions always have all six fields:
 * {@code message} is never null (empty when there is nothing to say) and is truncated to
 * {@value #MAX_MESSAGE_LENGTH} characters.
 */
public final class Conditions {

    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    /** The API limit on {@code message} (metav1.Condition). */
    public static final int MAX_MESSAGE_LENGTH = 32768;

    /** The new condition list and whether it differs from the old one. */
    public record Update(List<Condition> conditions, boolean changed) {
    }

    private Conditions() {
    }

    /** The condition of this type, if present ({@code conditions} may be null). */
    public static Optional<Condition> find(List<Condition> conditions, String type) {
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** Whether the condition of this type is present with status {@code True}. */
    public static boolean isTrue(List<Condition> conditions, String type) {
        return hasStatus(conditions, type, TRUE);
    }

    /** Whether the condition of this type is present with the given status. */
    public static boolean hasStatus(List<Condition> conditions, String type, String status) {
        return find(conditions, type).map(c -> status.equals(c.getStatus())).orElse(false);
    }

    /** Whether the condition was written for {@code generation} or a later one. */
    public static boolean isCurrent(Condition condition, long generation) {
        return condition.getObservedGeneration() != null && condition.getObservedGeneration() >= generation;
    }

    /**
     * A condition to pass to {@link #set}; its {@code lastTransitionTime} is left empty because {@code set}
     * computes it.
     */
    public static Condition condition(String type, String status, String reason, String message, long observedGeneration) {
        requireStatus(status);
        return new Condition(null, message, observedGeneration, reason, status, type);
    }

    /**
     * Adds or replaces the condition of {@code desired.type}. The {@code lastTransitionTime} of {@code desired} is
     * ignored: it is kept from the existing condition when the status is unchanged, otherwise it becomes
     * {@code now}. Existing conditions keep their order; a new type is appended.
     */
    public static Update set(List<Condition> current, Condition desired, Instant now) {
        Objects.requireNonNull(desired.getType(), "condition type");
        requireStatus(desired.getStatus());
        Optional<Condition> existing = find(current, desired.getType());
        String transition = existing
                .filter(e -> desired.getStatus().equals(e.getStatus()) && e.getLastTransitionTime() != null)
                .map(Condition::getLastTransitionTime)
                .orElseGet(() -> timestamp(now));
        return put(current, normalized(desired, transition));
    }

    /**
     * Copies a condition from another object (e.g. the VirtualMachine's {@code Running} onto the App), keeping its
     * status, reason, message (truncated) and {@code lastTransitionTime}, and stamping {@code observedGeneration}
     * (the generation of the object it is copied <em>to</em>). A source without a transition time gets {@code now}.
     */
    public static Update copy(List<Condition> current, Condition source, long observedGeneration, Instant now) {
        Objects.requireNonNull(source.getType(), "condition type");
        requireStatus(source.getStatus());
        String transition = source.getLastTransitionTime() != null ? source.getLastTransitionTime() : timestamp(now);
        Condition copied = new Condition(null, source.getMessage(), observedGeneration, source.getReason(),
                source.getStatus(), source.getType());
        return put(current, normalized(copied, transition));
    }

    /** Removes the condition of this type. */
    public static Update remove(List<Condition> current, String type) {
        List<Condition> next = new ArrayList<>();
        boolean removed = false;
        for (Condition c : current == null ? List.<Condition>of() : current) {
            if (type.equals(c.getType())) {
                removed = true;
            } else {
                next.add(c);
            }
        }
        return new Update(next, removed);
    }

    /** {@link #set(List, Condition, Instant)} on a status in place; returns whether anything changed. */
    public static boolean setIn(ConditionedStatus status, Condition desired, Instant now) {
        return applyTo(status, set(status.getConditions(), desired, now));
    }

    /** {@link #copy(List, Condition, long, Instant)} on a status in place; returns whether anything changed. */
    public static boolean copyInto(ConditionedStatus status, Condition source, long observedGeneration, Instant now) {
        return applyTo(status, copy(status.getConditions(), source, observedGeneration, now));
    }

    /** The wire form of a condition time: RFC 3339 in UTC with second precision, like metav1.Time. */
    public static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Whether two conditions carry the same six fields (extra, unknown fields are ignored). */
    public static boolean sameContent(Condition a, Condition b) {
        return Objects.equals(a.getType(), b.getType())
                && Objects.equals(a.getStatus(), b.getStatus())
                && Objects.equals(a.getReason(), b.getReason())
                && Objects.equals(a.getMessage(), b.getMessage())
                && Objects.equals(a.getLastTransitionTime(), b.getLastTransitionTime())
                && Objects.equals(a.getObservedGeneration(), b.getObservedGeneration());
    }

    /** Cuts a message to the API limit. */
    public static String truncateMessage(String message) {
        if (message == null) {
            return "";
        }
        return message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH);
    }

    private static boolean applyTo(ConditionedStatus status, Update update) {
        if (update.changed()) {
            status.setConditions(update.conditions());
        }
        return update.changed();
    }

    private static Condition normalized(Condition c, String transition) {
        return new Condition(transition, truncateMessage(c.getMessage()), c.getObservedGeneration(),
                c.getReason(), c.getStatus(), c.getType());
    }

    private static Update put(List<Condition> current, Condition next) {
        List<Condition> result = new ArrayList<>();
        boolean replaced = false;
        boolean changed = false;
        for (Condition c : current == null ? List.<Condition>of() : current) {
            if (!replaced && next.getType().equals(c.getType())) {
                replaced = true;
                changed = !sameContent(c, next);
                result.add(changed ? next : c);
            } else {
                result.add(c);
            }
        }
        if (!replaced) {
            result.add(next);
            changed = true;
        }
        return new Update(result, changed);
    }

    private static void requireStatus(String status) {
        if (!TRUE.equals(status) && !FALSE.equals(status) && !UNKNOWN.equals(status)) {
            throw new IllegalArgumentException("condition status must be True, False or Unknown, not " + status);
        }
    }
}
