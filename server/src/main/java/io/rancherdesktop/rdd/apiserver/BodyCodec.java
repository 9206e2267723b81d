package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;

/** Request-body decoding: JSON (and YAML where kube accepts it) into Jackson trees, with kube-like errors. */
public final class BodyCodec {
    /** The JSON mapper of the server: exact decimals, no surprises. */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectMapper YAML = new YAMLMapper(new YAMLFactory())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private BodyCodec() {
    }

    /** @throws StatusException 400 on malformed or empty JSON */
    public static JsonNode parseJson(byte[] body) {
        if (body.length == 0) {
            throw StatusException.badRequest("the request body is empty");
        }
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || n.isMissingNode()) {
                throw StatusException.badRequest("the request body is empty");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw StatusException.badRequest("json parse error: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw StatusException.badRequest("reading the request body: " + e.getMessage());
        }
    }

    /** YAML 1.1 as kube reads it (JSON is YAML). @throws StatusException 400 on malformed input */
    public static JsonNode parseYamlOrJson(byte[] body) {
        if (body.length == 0) {
            throw StatusException.badRequest("the request body is empty");
        }
        int i = 0;
        while (i < body.length && Character.isWhitespace(body[i])) {
            i++;
        }
        if (i < body.length && (body[i] == '{' || body[i] == '[')) {
            return parseJson(body);
        }
        try {
            JsonNode n = YAML.readTree(body);
            if (n == null || n.isMissingNode() || n.isNull()) {
                throw StatusException.badRequest("the request body is empty");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw StatusException.badRequest("yaml parse error: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw StatusException.badRequest("reading the request body: " + e.getMessage());
        }
    }
}
