package io.rancherdesktop.rdd.vm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the controller asks a driver to run. Built from the App spec and the service's environment by
 * {@link #fromEnvironment}; bad values are rejected there, before anything is started.
 *
 * @param engine       {@code App.spec.containerEngine.name}
 * @param socket       {@code App.spec.vm.socket}: the Docker endpoint the {@code external} driver attaches to
 * @param dockerdArgs  extra {@code dockerd} flags for the {@code process} driver ({@value #ENV_DOCKERD_ARGS}),
 *                     e.g. {@code --iptables=false --bridge=none} where the host has no netfilter
 * @param cpus         the Lima template's {@code cpus:} ({@value #ENV_VM_CPUS}); empty = Lima's default
 * @param startTimeout how long {@link VmDriver#start} waits for the engine to answer
 */
public record EngineConfig(EngineKind engine, Optional<String> socket, List<String> dockerdArgs, OptionalInt cpus,
                           Duration startTimeout) {
    public static final String ENV_VM_CPUS = "RDD_VM_CPUS";
    public static final String ENV_DOCKERD_ARGS = "RDD_DOCKERD_ARGS";
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);

    public EngineConfig {
        if (engine == null) {
            throw new IllegalArgumentException("engine is required");
        }
        socket = socket == null ? Optional.empty() : socket.filter(s -> !s.isBlank());
        dockerdArgs = List.copyOf(dockerdArgs == null ? List.of() : dockerdArgs);
        cpus = cpus == null ? OptionalInt.empty() : cpus;
        if (cpus.isPresent() && cpus.getAsInt() < 1) {
            throw new IllegalArgumentException("cpus must be a positive integer, got " + cpus.getAsInt());
        }
        startTimeout = startTimeout == null ? DEFAULT_START_TIMEOUT : startTimeout;
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive");
        }
    }

    /** Defaults for {@code engine}: no socket, no extra flags, Lima's CPU count. */
    public static EngineConfig of(EngineKind engine) {
        return new EngineConfig(engine, Optional.empty(), List.of(), OptionalInt.empty(), DEFAULT_START_TIMEOUT);
    }

    /**
     * The config for {@code engine} and {@code socket} (may be null) with the service's environment applied:
     * {@value #ENV_VM_CPUS} (a positive integer) and {@value #ENV_DOCKERD_ARGS} (flags, shell-style quoting).
     *
     * @throws IllegalArgumentException naming the variable when a set value is invalid
     */
    public static EngineConfig fromEnvironment(EngineKind engine, String socket, Map<String, String> env) {
        return new EngineConfig(engine, Optional.ofNullable(socket), parseArgs(env.get(ENV_DOCKERD_ARGS)),
                parseCpus(env.get(ENV_VM_CPUS)), DEFAULT_START_TIMEOUT);
    }

    public EngineConfig withEngine(EngineKind e) {
        return new EngineConfig(e, socket, dockerdArgs, cpus, startTimeout);
    }

    public EngineConfig withDockerdArgs(List<String> args) {
        return new EngineConfig(engine, socket, args, cpus, startTimeout);
    }

    public EngineConfig withSocket(String s) {
        return new EngineConfig(engine, Optional.ofNullable(s), dockerdArgs, cpus, startTimeout);
    }

    public EngineConfig withCpus(int n) {
        return new EngineConfig(engine, socket, dockerdArgs, OptionalInt.of(n), startTimeout);
    }

    public EngineConfig withStartTimeout(Duration d) {
        return new EngineConfig(engine, socket, dockerdArgs, cpus, d);
    }

    static OptionalInt parseCpus(String value) {
        if (value == null || value.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return OptionalInt.of(n);
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the variable's name
        }
        throw new IllegalArgumentException(ENV_VM_CPUS + " must be a positive integer, got \"" + value + "\"");
    }

    /** Splits flags on blanks; single and double quotes group, a backslash escapes the next character. */
    static List<String> parseArgs(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean inToken = false;
        char quote = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < value.length()) {
                    cur.append(value.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inToken = true;
            } else if (c == '\\' && i + 1 < value.length()) {
                cur.append(value.charAt(++i));
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inToken = false;
                }
            } else {
                cur.append(c);
                inToken = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException(ENV_DOCKERD_ARGS + " has an unterminated " + quote + " quote: " + value);
        }
        if (inToken) {
            out.add(cur.toString());
        }
        return out;
    }
}
