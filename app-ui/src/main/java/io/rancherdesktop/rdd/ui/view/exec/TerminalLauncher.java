package io.rancherdesktop.rdd.ui.view.exec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the desktop's terminal emulator running {@code rdd ctl exec -it NAME -- sh} (docs/gui.md, "Container tools").
 * {@code RDD_TERMINAL} (a command line, split at spaces) overrides the emulator: the exec command's words are
 * appended to it. {@code RDD_CLI} names the {@code rdd} launcher (default: {@code rdd} on the PATH).
 */
public final class TerminalLauncher {
    private static final Logger log = LoggerFactory.getLogger(TerminalLauncher.class);

    /** The emulator could not be started or none exists; the message says what was tried. */
    public static final class NoTerminalException extends Exception {
        public NoTerminalException(String message) {
            super(message);
        }
    }

    private final String instance;
    private final Map<String, String> env;
    private final String os;

    public TerminalLauncher(String instance, Map<String, String> env) {
        this(instance, env, System.getProperty("os.name", ""));
    }

    TerminalLauncher(String instance, Map<String, String> env, String os) {
        this.instance = instance;
        this.env = Map.copyOf(env);
        this.os = os.toLowerCase(Locale.ROOT);
    }

    /** {@code rdd --instance I ctl exec [-n NS] [-it] NAME -- COMMAND…}. */
    public List<String> execCommand(String namespace, String name, boolean interactive, List<String> command) {
        List<String> argv = new ArrayList<>();
        argv.add(rddCli());
        argv.add("--instance");
        argv.add(instance);
        argv.addAll(List.of("ctl", "exec"));
        if (namespace != null && !namespace.isEmpty()) {
            argv.addAll(List.of("-n", namespace));
        }
        if (interactive) {
            argv.add("-it");
        }
        argv.add(name);
        argv.add("--");
        argv.addAll(command);
        return argv;
    }

    String rddCli() {
        String configured = env.get("RDD_CLI");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return onPath("rdd").map(Path::toString).orElse("rdd");
    }

    /** The full emulator command line that runs {@code exec}, or why there is none. */
    public List<String> terminalCommand(List<String> exec) throws NoTerminalException {
        String override = env.get("RDD_TERMINAL");
        List<String> argv = new ArrayList<>();
        if (override != null && !override.isBlank()) {
            argv.addAll(List.of(override.trim().split("\\s+")));
            argv.addAll(exec);
            return argv;
        }
        if (os.contains("mac")) {
            // Terminal.app runs a shell command line: quote every word for sh.
            String line = String.join(" ", exec.stream().map(TerminalLauncher::shellQuote).toList());
            return List.of("osascript", "-e", "tell application \"Terminal\" to do script \"" + line.replace("\\", "\\\\").replace("\"", "\\\"") + "\"",
                    "-e", "tell application \"Terminal\" to activate");
        }
        if (os.contains("win")) {
            if (onPath("wt.exe").isPresent() || onPath("wt").isPresent()) {
                argv.add("wt");
                argv.addAll(exec);
                return argv;
            }
            throw new NoTerminalException("No terminal emulator found: Windows Terminal (wt) is not installed. "
                    + "Set RDD_TERMINAL to a terminal command.");
        }
        for (String candidate : List.of("x-terminal-emulator", "gnome-terminal", "konsole")) {
            if (onPath(candidate).isPresent()) {
                argv.add(candidate);
                argv.add(candidate.equals("gnome-terminal") ? "--" : "-e");
                argv.addAll(exec);
                return argv;
            }
        }
        throw new NoTerminalException("No terminal emulator found (tried x-terminal-emulator, gnome-terminal, konsole on "
                + "the PATH). Install one, or set RDD_TERMINAL to a terminal command (e.g. \"xterm -e\").");
    }

    /** Starts the terminal for the container; returns the argv it ran. */
    public List<String> open(String namespace, String name) throws NoTerminalException {
        List<String> argv = terminalCommand(execCommand(namespace, name, true, List.of("sh")));
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.from(nullFile()));
            pb.environment().putAll(env);
            Process p = pb.start();
            log.info("terminal for {} started (pid {}): {}", name, p.pid(), argv);
            return argv;
        } catch (IOException e) {
            throw new NoTerminalException("Cannot start the terminal " + argv.getFirst() + ": " + e.getMessage());
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win") ? "NUL" : "/dev/null");
    }

    private Optional<Path> onPath(String program) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static String shellQuote(String word) {
        return word.matches("[A-Za-z0-9_./=:@%+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
