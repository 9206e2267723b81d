package io.rancherdesktop.rdd.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rdd svc logs [-o/--stdout] [-f/--follow]}: prints the service's stderr (or stdout) log. */
@Command(name = "logs", aliases = "log", description = "Print the service log (rdd.stderr.log, or rdd.stdout.log with --stdout).")
public final class SvcLogsCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = {"-o", "--stdout"}, description = "Print rdd.stdout.log instead of rdd.stderr.log.")
    boolean stdout;

    @Option(names = {"-f", "--follow"}, description = "Keep printing what is appended (follows rotation), until interrupted.")
    boolean follow;

    public SvcLogsCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path file = stdout ? ctx.paths().stdoutLog() : ctx.paths().stderrLog();
        OutputStream out = ctx.out();
        if (!follow) {
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(out);
            } catch (NoSuchFileException e) {
                throw new CliException(ExitCodes.GENERIC, "open " + file + ": no such file or directory");
            }
            out.flush();
            return ExitCodes.OK;
        }
        follow(file, out);
        return ExitCodes.OK;
    }

    /**
     * Like {@code tail -F}: prints the file, then what is appended; when a start rotates it (a new file under the
     * same name) it continues with the new file from its beginning. Wakes on file-system events, with a
     * one-second fallback where events are not delivered.
     */
    private static void follow(Path file, OutputStream out) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        try (WatchService ws = file.getFileSystem().newWatchService()) {
            file.getParent().register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            FileChannel ch = null;
            Object key = null;
            try {
                while (true) {
                    if (ch == null && Files.exists(file)) {
                        ch = FileChannel.open(file, StandardOpenOption.READ);
                        key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
                    }
                    if (ch != null) {
                        var target = Channels.newChannel(out);
                        long pos = ch.position();
                        for (long n; (n = ch.transferTo(pos, Long.MAX_VALUE - pos, target)) > 0; ) {
                            pos += n;
                        }
                        ch.position(pos);
                        out.flush();
                        Object now = Files.exists(file) ? Files.readAttributes(file, BasicFileAttributes.class).fileKey() : null;
                        if (!Objects.equals(now, key) || ch.size() < ch.position()) {
                            ch.close(); // rotated or truncated: start over with the new file
                            ch = null;
                            continue;
                        }
                    }
                    var k = ws.poll(1, TimeUnit.SECONDS);
                    if (k != null) {
                        k.pollEvents();
                        k.reset();
                    }
                }
            } catch (ClosedWatchServiceException closed) {
                // shutting down
            } finally {
                if (ch != null) {
                    ch.close();
                }
            }
        }
    }
}
