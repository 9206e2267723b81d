package io.rancherdesktop.rdd.service.streams;

import io.rancherdesktop.rdd.admission.UserInfo;
import io.rancherdesktop.rdd.apiserver.EventStream;
import io.rancherdesktop.rdd.apiserver.RequestInfo;
import io.rancherdesktop.rdd.apiserver.StatusException;
import io.rancherdesktop.rdd.apiserver.StreamingSubresource;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET .../containers/{name}/log}, modelled on kube's {@code pods/log} (docs/api.md, "Container log and
 * stats"): Docker's {@code /containers/{id}/logs} with stdout and stderr, demultiplexed ({@link DockerFrames}) unless
 * the container has a TTY, as {@code text/plain}. Whatever one read from Docker returned goes out as one flushed
 * chunk as soon as nothing more is waiting, so a follow shows each line as Docker gives it.
 */
final class ContainerLogs implements StreamingSubresource {
    private static final Logger log = LoggerFactory.getLogger(ContainerLogs.class);

    private final ContainerStreams streams;

    ContainerLogs(ContainerStreams streams) {
        this.streams = streams;
    }

    @Override
    public String group() {
        return ContainerStreams.GROUP;
    }

    @Override
    public String resource() {
        return ContainerStreams.RESOURCE;
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public int handle(Request request, Response response, Callback callback, RequestInfo info, UserInfo user) {
        if (!"GET".equals(request.getMethod())) {
            throw StatusException.methodNotAllowed(request.getMethod());
        }
        LogOptions opts = LogOptions.parse(Request.extractQueryParameters(request), Instant.now());
        ContainerStreams.Target t = streams.resolve(info);
        boolean split = opts.tailOfOneStream() && !t.tty();
        EngineHttp docker = t.open("logs?" + (split ? opts.stampedQuery(false, opts.since()) : opts.dockerQuery()));
        try (docker) {
            if (docker.status() == 404) {
                throw StatusException.notFound(ContainerStreams.GROUP, ContainerStreams.RESOURCE, info.name());
            }
            if (docker.status() != 200) {
                String why = docker.errorText();
                throw docker.status() == 400 ? StatusException.badRequest(why)
                        : StatusException.internal("reading the log of container " + t.id() + ": " + docker.status() + " " + why);
            }
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, private");
            EventStream out = EventStream.open(request, response);
            if (split) {
                tailOfOneStream(request, callback, out, t, docker, opts);
                return 200;
            }
            try (ContainerStreams.Session session = streams.new Session(request, docker)) {
                try {
                    pump(docker.body(), out, t.tty(), opts.limitBytes());
                    out.close();
                    callback.succeeded();
                } catch (IOException e) {
                    log.debug("log stream of container {} ended: {} (client gone: {})", t.id(), e.toString(), session.clientGone());
                    callback.failed(e);
                }
            }
        }
        return 200;
    }

    /**
     * {@code tailLines} of one stream. Docker applies its {@code tail} to both streams before it filters one out (the
     * last N lines of the merged log, of which some are the other stream's), so we count: pass 1 reads that stream's
     * whole log (timestamped, not following) and keeps its last N lines; pass 2, when following, reads on from the
     * last timestamp pass 1 saw and drops the lines at or before it (Docker's {@code since} includes that instant).
     * Timestamps are removed unless asked for.
     */
    private void tailOfOneStream(Request request, Callback callback, EventStream out, ContainerStreams.Target t,
                                 EngineHttp first, LogOptions opts) {
        StampedOutput sink = new StampedOutput(out, opts.timestamps(), opts.limitBytes());
        Instant last;
        try {
            try (ContainerStreams.Session session = streams.new Session(request, first)) {
                out.flush();
                ArrayDeque<StampedLines.Line> kept = new ArrayDeque<>();
                StampedLines lines = new StampedLines(line -> {
                    if (opts.tailLines() > 0) {
                        if (kept.size() == opts.tailLines()) {
                            kept.removeFirst();
                        }
                        kept.addLast(line);
                    }
                });
                copy(first.body(), lines, () -> { });
                lines.finish();
                last = lines.last();
                for (StampedLines.Line l : kept) {
                    sink.write(l);
                }
                out.flush();
                if (session.clientGone()) {
                    throw new IOException("client gone");
                }
            }
            if (opts.follow() && sink.open()) {
                Instant after = last;
                try (EngineHttp docker = t.open("logs?" + opts.stampedQuery(true, last == null ? opts.since() : last));
                     ContainerStreams.Session session = streams.new Session(request, docker)) {
                    if (docker.status() != 200) {
                        throw new IOException("the follow of container " + t.id() + " got " + docker.status() + " " + docker.errorText());
                    }
                    StampedLines lines = new StampedLines(line -> {
                        if (after == null || line.time() == null || line.time().isAfter(after)) {
                            sink.write(line);
                        }
                    });
                    copy(docker.body(), lines, out::flush);
                    lines.finish();
                    log.trace("log follow of container {} ended (client gone: {})", t.id(), session.clientGone());
                }
            }
            out.close();
            callback.succeeded();
        } catch (IOException | RuntimeException e) {
            log.debug("log stream of one stream of container {} ended: {}", t.id(), e.toString());
            callback.failed(e);
        } finally {
            first.close();
        }
    }

    /** Reads Docker's framed log into {@code lines}; {@code idle} runs whenever nothing more is waiting. */
    private static void copy(InputStream body, StampedLines lines, IORunnable idle) throws IOException {
        byte[] buf = new byte[64 * 1024];
        DockerFrames frames = new DockerFrames();
        while (true) {
            int n = body.read(buf);
            if (n < 0) {
                return;
            }
            frames.feed(buf, 0, n, lines::feed);
            if (body.available() == 0) {
                idle.run();
            }
        }
    }

    @FunctionalInterface
    private interface IORunnable {
        void run() throws IOException;
    }

    /** Writes lines with or without their timestamp, up to the byte limit. */
    private static final class StampedOutput {
        private final EventStream out;
        private final boolean timestamps;
        private long left;

        StampedOutput(EventStream out, boolean timestamps, long limitBytes) {
            this.out = out;
            this.timestamps = timestamps;
            this.left = limitBytes < 0 ? Long.MAX_VALUE : limitBytes;
        }

        boolean open() {
            return left > 0;
        }

        void write(StampedLines.Line line) throws IOException {
            int from = timestamps ? 0 : line.textStart();
            int n = (int) Math.min(line.bytes().length - from, left);
            if (n > 0) {
                out.write(line.bytes(), from, n);
                left -= n;
            }
        }
    }

    /** A flush at the latest after this many bytes, while Docker has more waiting (a large log read at full speed). */
    static final int MAX_CHUNK = 256 * 1024;

    /**
     * Copies the log to {@code out} until Docker ends it or {@code limitBytes} are written. A flush (one chunk) when
     * nothing more from Docker is waiting, so a line is never held back, or once {@link #MAX_CHUNK} bytes are pending.
     */
    static void pump(InputStream body, EventStream out, boolean tty, long limitBytes) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long[] left = {limitBytes < 0 ? Long.MAX_VALUE : limitBytes};
        long[] pending = {0};
        DockerFrames.Sink sink = (b, off, len) -> {
            int n = (int) Math.min(len, left[0]);
            out.write(b, off, n);
            left[0] -= n;
            pending[0] += n;
        };
        DockerFrames frames = tty ? null : new DockerFrames();
        out.flush(); // the headers at once: a client of a quiet follow knows the stream is open
        while (left[0] > 0) {
            int n = body.read(buf);
            if (n < 0) {
                break;
            }
            if (frames == null) {
                sink.write(buf, 0, n);
            } else {
                frames.feed(buf, 0, n, sink);
            }
            if (pending[0] >= MAX_CHUNK || body.available() == 0) {
                out.flush();
                pending[0] = 0;
            }
        }
    }
}
