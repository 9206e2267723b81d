package io.rancherdesktop.rdd.controller.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Classifies Engine API failures: "not found" is an expected outcome, everything else is an error. */
public final class EngineErrors {
    // docker-java formats HTTP errors as "Status <code>: <body>", the body being {"message":"..."}.
    private static final Pattern STATUS_BODY = Pattern.compile("(?s)^Status \\d+: (.*)$");
    private static final ObjectReader JSON = new ObjectMapper().reader();

    private EngineErrors() {
    }

    /** True for HTTP 404 from the Engine API. */
    public static boolean isNotFound(Throwable e) {
        return switch (e) {
            case NotFoundException nf -> true;
            case DockerException de -> de.getHttpStatus() == 404;
            case EngineCallException ce -> ce.httpStatus() == 404;
            case null, default -> false;
        };
    }

    /** The engine's own error text (the {@code message} of its JSON error body), else the exception text. */
    public static String message(Throwable e) {
        if (e instanceof EngineCallException ce) {
            return ce.engineMessage();
        }
        String text = e.getMessage();
        if (text == null) {
            return e.getClass().getSimpleName();
        }
        Matcher m = STATUS_BODY.matcher(text.strip());
        String body = m.matches() ? m.group(1).strip() : text.strip();
        if (body.startsWith("{")) {
            try {
                JsonNode node = JSON.readTree(body);
                if (node.hasNonNull("message")) {
                    return node.get("message").asText();
                }
            } catch (IOException notJson) {
                // fall through to the raw text
            }
        }
        return body;
    }
}
