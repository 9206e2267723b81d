package io.rancherdesktop.rdd.controller.engine.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.AuthConfig;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rancherdesktop.rdd.api.ConditionReasons;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Registry credentials for pulls and pushes (docs/api.md §3.5): from a {@code kubernetes.io/dockerconfigjson}
 * Secret the request names, else from the Docker config of the user the service runs as ({@code $DOCKER_CONFIG/config.json},
 * else {@code ~/.docker/config.json}): {@code credHelpers[registry]} or {@code credsStore} through the
 * docker-credential-helper protocol ({@code docker-credential-<name> get}, the server address on stdin, JSON
 * {@code {ServerURL, Username, Secret}} on stdout), else {@code auths[registry]}. Credentials only ever go to
 * Docker's {@code X-Registry-Auth} header: never into the API, a status, an event or a log line.
 */
public final class RegistryCredentials {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HELPER_TIMEOUT = Duration.ofSeconds(30);

    private final Path configFile;
    private final KubernetesClient client;
    private final List<Path> searchPath;

    /**
     * @param searchPath where {@code docker-credential-<name>} helpers are looked up (the service's {@code PATH})
     */
    public RegistryCredentials(Path configFile, List<Path> searchPath, KubernetesClient client) {
        this.configFile = configFile;
        this.searchPath = List.copyOf(searchPath);
        this.client = Objects.requireNonNull(client, "client");
    }

    /** From the service's environment: its Docker config and its {@code PATH}. */
    public static RegistryCredentials forEnvironment(Map<String, String> env, KubernetesClient client) {
        String path = env.getOrDefault("PATH", "");
        List<Path> dirs = java.util.Arrays.stream(path.split(java.io.File.pathSeparator)).filter(p -> !p.isBlank()).map(Path::of).toList();
        return new RegistryCredentials(configFile(env), dirs, client);
    }

    /** The Docker config file of the service's user, from its environment. */
    public static Path configFile(Map<String, String> env) {
        String dir = env.get("DOCKER_CONFIG");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir, "config.json");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".docker", "config.json");
    }

    /**
     * The credentials for {@code ref}'s registry; empty when none are configured (an anonymous pull or push).
     *
     * @throws RequestFailure (CredentialsFailed) when the Secret or the config cannot be read or a helper fails
     */
    public Optional<AuthConfig> forImage(ImageRef ref, String namespace, String secretRef) {
        if (secretRef != null && !secretRef.isBlank()) {
            return fromSecret(ref, namespace, secretRef);
        }
        JsonNode config;
        try {
            config = JSON.readTree(Files.readString(configFile));
        } catch (NoSuchFileException none) {
            return Optional.empty();
        } catch (IOException e) {
            throw new RequestFailure(ConditionReasons.Request.CREDENTIALS_FAILED, "cannot read the Docker config " + configFile
                    + ": " + e.getClass().getSimpleName());
        }
        if (config == null || !config.isObject()) {
            return Optional.empty();
        }
        String helper = null;
        JsonNode helpers = config.get("credHelpers");
        if (helpers != null && helpers.isObject()) {
            helper = text(find(helpers, ref));
        }
        if (helper == null) {
            helper = text(config.get("credsStore"));
        }
        if (helper != null && !helper.isBlank()) {
            Optional<AuthConfig> fromHelper = fromHelper(helper, ref);
            if (fromHelper.isPresent()) {
                return fromHelper;
            }
        }
        return fromAuths(config.get("auths"), ref, "the Docker config " + configFile);
    }

    private Optional<AuthConfig> fromSecret(ImageRef ref, String namespace, String secretRef) {
        Secret secret = client.secrets().inNamespace(namespace).withName(secretRef).get();
        if (secret == null) {
            throw new RequestFailure(ConditionReasons.Request.CREDENTIALS_FAILED, "Secret " + namespace + "/" + secretRef + " not found");
        }
        String data = secret.getData() == null ? null : secret.getData().get(".dockerconfigjson");
        if (!"kubernetes.io/dockerconfigjson".equals(secret.getType()) || data == null) {
            throw new RequestFailure(ConditionReasons.Request.CREDENTIALS_FAILED, "Secret " + namespace + "/" + secretRef
                    + " is not of type kubernetes.io/dockerconfigjson with a .dockerconfigjson key");
        }
        try {
            JsonNode config = JSON.readTree(Base64.getDecoder().decode(data));
            Optional<AuthConfig> auth = fromAuths(config.get("auths"), ref, "Secret " + namespace + "/" + secretRef);
            if (auth.isEmpty()) {
                throw new RequestFailure(ConditionReasons.Request.CREDENTIALS_FAILED, "Secret " + namespace + "/" + secretRef
                        + " has no credentials for " + ref.registry());
            }
            return auth;
        } catch (IOException | IllegalArgumentException e) {
            throw new RequestFailure(ConditionReasons.Request.CREDENTIALS_FAILED, "Secret " + namespace + "/" + secretRef
                    + " does not hold a readable Docker config");
        }
    }

    private static Optional<AuthConfig> fromAuths(JsonNode auths, ImageRef ref, String where) {
        JsonNode entry = auths == null || !auths.isObject() ? null : find(auths, ref);
        if (entry == null || !entry.isObject()) {
            return Optional.empty();
        }
        AuthConfig auth = new AuthConfig().withRegistryAddress(ref.authKey());
        String encoded = text(entry.get("auth"));
        if (encoded != null && !encoded.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new RequestFailure(ConditionReasons.Request.CREDENTIALS_FAILED, "the auth entry for " + ref.registry()
                        + " in " + where + " is not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new RequestFailure(ConditionReasons.Request.CREDENTIALS_FAILED, "the auth entry for " + ref.registry()
                        + " in " + where + " is not user:password");
            }
            return Optional.of(auth.withUsername(decoded.substring(0, colon)).withPassword(decoded.substring(colon + 1)));
        }
        String token = text(entry.get("identitytoken"));
        if (token != null && !token.isEmpty()) {
            return Optional.of(auth.withIdentityToken(token));
        }
        String user = text(entry.get("username"));
        if (user != null) {
            return Optional.of(auth.withUsername(user).withPassword(text(entry.get("password"))));
        }
        return Optional.empty();
    }

    /** {@code docker-credential-<helper> get}; empty when the helper has no credentials for the registry. */
    private Optional<AuthConfig> fromHelper(String helper, ImageRef ref) {
        String program = "docker-credential-" + helper;
        if (helper.contains("/") || helper.contains(java.io.File.separator)) {
            throw new RequestFailure(ConditionReasons.Request.CREDENTIALS_FAILED, "invalid credential helper name \"" + helper + "\"");
        }
        String executable = searchPath.stream().map(d -> d.resolve(program)).filter(Files::isExecutable).findFirst()
                .map(Path::toString).orElseThrow(() -> new RequestFailure(ConditionReasons.Request.CREDENTIALS_FAILED,
                        "the credential helper " + program + " is not on the service's PATH"));
        Process p;
        try {
            p = new ProcessBuilder(executable, "get").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new RequestFailure(ConditionReasons.Request.CREDENTIALS_FAILED, "cannot run the credential helper " + program
                    + ": " + e.getMessage());
        }
        try {
            try (OutputStream in = p.getOutputStream()) {
                in.write(ref.authKey().getBytes(StandardCharsets.UTF_8));
            }
            byte[] out;
            try (InputStream o = p.getInputStream()) {
                out = o.readAllBytes();
            }
            if (!p.waitFor(HELPER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new RequestFailure(ConditionReasons.Request.CREDENTIALS_FAILED, "the credential helper " + program
                        + " did not answer within " + HELPER_TIMEOUT);
            }
            if (p.exitValue() != 0) {
                // "credentials not found in native keychain": nothing stored for this registry. The output is not
                // logged or reported: a helper may echo what it was given.
                return Optional.empty();
            }
            JsonNode answer = JSON.readTree(out);
            String user = text(answer.get("Username"));
            String secret = text(answer.get("Secret"));
            if (secret == null) {
                return Optional.empty();
            }
            AuthConfig auth = new AuthConfig().withRegistryAddress(ref.authKey());
            return Optional.of("<token>".equals(user) ? auth.withIdentityToken(secret) : auth.withUsername(user).withPassword(secret));
        } catch (IOException e) {
            throw new RequestFailure(ConditionReasons.Request.CREDENTIALS_FAILED, "the credential helper " + program
                    + " gave no readable answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestFailure(ConditionReasons.Request.CREDENTIALS_FAILED, "interrupted running " + program);
        } finally {
            p.destroyForcibly();
        }
    }

    /** The entry of {@code map} for the registry, keys compared without scheme and path (Docker writes both forms). */
    private static JsonNode find(JsonNode map, ImageRef ref) {
        String want = host(ref.authKey());
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (host(e.getKey()).equals(want)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String host(String key) {
        String k = key;
        int scheme = k.indexOf("://");
        if (scheme >= 0) {
            k = k.substring(scheme + 3);
        }
        int slash = k.indexOf('/');
        if (slash >= 0) {
            k = k.substring(0, slash);
        }
        return k.equals("registry-1.docker.io") ? "index.docker.io" : k;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
