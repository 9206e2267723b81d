package io.rancherdesktop.rdd.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A one-line spinner on stderr while the CLI waits, shown only when stderr is a terminal (never in logs or
 * pipes). {@link #close()} erases it so the next log line starts clean.
 */
final class TerminalProgress implements AutoCloseable {
    private static final char[] FRAMES = {'|', '/', '-', '\\'};
    private final PrintStream err;
    private final Thread thread;

    private TerminalProgress(PrintStream err, String message) {
        this.err = err;
        this.thread = Thread.ofPlatform().daemon().name("progress").unstarted(() -> {
            int n = 0;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    synchronized (err) {
                        err.print("\r" + message + " " + FRAMES[n++ % FRAMES.length]);
                        err.flush();
                    }
                    Thread.sleep(200);
                }
            } catch (InterruptedException done) {
                // stop drawing
            }
        });
    }

    /** Starts a spinner when stderr is a terminal; otherwise a no-op. */
    static TerminalProgress start(String message) {
        if (!stderrIsTerminal()) {
            return new TerminalProgress(null, message);
        }
        TerminalProgress p = new TerminalProgress(System.err, message);
        p.thread.start();
        return p;
    }

    /** A progress that shows nothing. */
    static TerminalProgress none() {
        return new TerminalProgress(null, "");
    }

    static boolean stderrIsTerminal() {
        Path fd2 = Path.of("/proc/self/fd/2");
        try {
            if (Files.exists(Path.of("/proc/self"))) {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
        // No /proc (macOS): the best the JDK offers is whether this process talks to a terminal at all.
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }

    @Override
    public void close() {
        if (err == null) {
            return;
        }
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (err) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
