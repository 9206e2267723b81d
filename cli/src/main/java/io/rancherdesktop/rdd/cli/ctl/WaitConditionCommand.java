package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.DurationFlag;


import io.rancherdesktop.rdd.cli.CliContext;
import io.rancherdesktop.rdd.cli.CliException;
import io.rancherdesktop.rdd.cli.ExitCodes;
import io.rancherdesktop.rdd.wire.ApiException;
import io.rancherdesktop.rdd.wire.ApiResource;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rdd ctl wait-condition TYPE[.GROUP]/NAME COND[=STATUS] [--reason R] [--since RFC3339|startup]
 * [--timeout 30s] [-n NS]} (docs/design/upstream-cli.md §6): waits until condition COND has STATUS (default True), the reason
 * matches if given, and its lastTransitionTime is not before {@code --since}; {@code startup} is the service's
 * start (its PID file's time). An object that does not exist yet is waited for; one deleted while waiting fails.
 */
@Command(name = "wait-condition", description = "Wait until a condition of an object has a status (rdd extension).")
public final class WaitConditionCommand implements Callable<Integer> {
    private final CtlSession session;

    @Parameters(index = "0", paramLabel = "TYPE[.GROUP]/NAME")
    String object;

    @Parameters(index = "1", paramLabel = "COND[=STATUS]")
    String condition;

    @Option(names = "--reason", paramLabel = "REASON", description = "The condition's reason must be this.")
    String reason;

    @Option(names = "--since", paramLabel = "RFC3339|startup", description = "lastTransitionTime must not be before this.")
    String since;

    @Option(names = "--timeout", defaultValue = "30s", paramLabel = "DURATION", description = "How long to wait (default 30s).")
    String timeout;

    @Option(names = {"-n", "--namespace"}, defaultValue = CtlSession.DEFAULT_NAMESPACE, paramLabel = "NAMESPACE",
            description = "Namespace (default \"default\").")
    String namespace;

    public WaitConditionCommand(CliContext ctx) {
        this.session = new CtlSession(ctx);
    }

    @Override
    public Integer call() throws ApiException {
        Duration t = DurationFlag.parse("--timeout", timeout);
        int slash = object.indexOf('/');
        if (slash <= 0 || slash == object.length() - 1) {
            throw CliException.plain(ExitCodes.GENERIC, "error: expected TYPE[.GROUP]/NAME, got \"" + object + "\"");
        }
        int eq = condition.indexOf('=');
        String condType = eq < 0 ? condition : condition.substring(0, eq);
        String status = eq < 0 ? "True" : condition.substring(eq + 1);
        if (condType.isEmpty() || status.isEmpty()) {
            throw CliException.plain(ExitCodes.GENERIC, "error: expected COND[=STATUS], got \"" + condition + "\"");
        }
        Instant notBefore = sinceInstant();
        ApiResource type = session.resolve(object.substring(0, slash));
        String name = object.substring(slash + 1);
        Instant deadline = t.isZero() ? Instant.MAX : Instant.now().plus(t);
        String qualified = type.kindPrefix() + "/" + name;
        try {
            ObjectWaiter.Result r = new ObjectWaiter(session).await(type, namespace, name, o -> o != null && met(o, condType, status, notBefore), deadline, true);
            if (r.timedOut()) {
                throw CliException.plain(ExitCodes.GENERIC, "error: timed out waiting for condition " + condType + "=" + status
                        + (reason == null ? "" : " (" + reason + ")") + " on " + qualified + describe(r, condType));
            }
        } catch (ObjectWaiter.DeletedWhileWaiting e) {
            throw CliException.plain(ExitCodes.GENERIC, "error: " + qualified + " was deleted while waiting for condition " + condType + "=" + status);
        }
        session.out().println(qualified + " condition met");
        session.out().flush();
        return ExitCodes.OK;
    }

    private Instant sinceInstant() {
        if (since == null || since.isEmpty()) {
            return null;
        }
        if (since.equals("startup")) {
            // lastTransitionTime has second precision: compare at that precision
            return session.serviceStart().truncatedTo(ChronoUnit.SECONDS);
        }
        try {
            return OffsetDateTime.parse(since).toInstant();
        } catch (DateTimeParseException e) {
            throw CliException.plain(ExitCodes.GENERIC, "error: invalid --since \"" + since + "\": expected an RFC 3339 time or \"startup\"");
        }
    }

    private boolean met(Map<String, Object> o, String condType, String status, Instant notBefore) {
        for (Object c : ApiObjects.conditions(o)) {
            Map<String, Object> cond = ApiObjects.map(c);
            if (!condType.equals(ApiObjects.string(cond.get("type")))) {
                continue;
            }
            if (!status.equalsIgnoreCase(ApiObjects.string(cond.get("status")))) {
                return false;
            }
            if (reason != null && !reason.equals(ApiObjects.string(cond.get("reason")))) {
                return false;
            }
            if (notBefore != null) {
                try {
                    Instant ltt = OffsetDateTime.parse(ApiObjects.string(cond.get("lastTransitionTime"))).toInstant();
                    return !ltt.isBefore(notBefore);
                } catch (DateTimeParseException e) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** What the condition was when the wait gave up, for the error message. */
    private static String describe(ObjectWaiter.Result r, String condType) {
        if (r.object().isEmpty()) {
            return ": the object does not exist";
        }
        for (Object c : ApiObjects.conditions(r.object().get())) {
            Map<String, Object> cond = ApiObjects.map(c);
            if (condType.equals(ApiObjects.string(cond.get("type")))) {
                return ": last seen " + condType + "=" + ApiObjects.string(cond.get("status")) + " (" + ApiObjects.string(cond.get("reason")) + ")";
            }
        }
        return ": the condition is not set";
    }
}
