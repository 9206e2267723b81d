package io.rancherdesktop.rdd.service.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exec's WebSocket: bridges the client's channels to the engine's attach stream of exec {@code execId}.
 *
 * <p>Threads: one virtual thread ({@link #pump}) starts the exec on a connection of its own, copies the engine's
 * output to the client (demultiplexing Docker's 8-byte frames unless TTY), then reads the exit code and sends it on
 * the error channel and closes the WebSocket. Client frames are handled in order (the next is demanded only once
 * one is done); a stdin write or a resize runs on a short virtual thread so a slow engine never blocks Jetty's.
 * Whatever ends first — the command, the client's close, a network error — closes the engine connection, which ends
 * the pump's read: nothing outlives the WebSocket.
 */
final class ExecSession implements FrameHandler {
    private static final Logger log = LoggerFactory.getLogger(ExecSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 32 * 1024;
    /** How long the exit code may lag the end of the output (Docker marks the exec stopped just after). */
    private static final Duration EXIT_CODE_WAIT = Duration.ofSeconds(10);

    /** The threads of all sessions now running (pumps and client-frame steps): for leak tests. */
    static final java.util.concurrent.atomic.AtomicInteger LIVE_THREADS = new java.util.concurrent.atomic.AtomicInteger();

    private final String endpoint;
    private final String execId;
    private final ExecOptions options;
    private final StreamProtocol protocol;
    /** How long a TTY exec waits for the client's first message (its initial size) before it starts the command. */
    private static final Duration FIRST_SIZE_WAIT = Duration.ofSeconds(1);

    private final CountDownLatch attached = new CountDownLatch(1);
    /** Counted down by the client's first message: a TTY exec starts once it knows the initial size (or after a bound). */
    private final CountDownLatch firstMessage = new CountDownLatch(1);
    private volatile int[] initialSize;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile CoreSession session;
    private volatile EngineSocket engine;
    private volatile boolean attachFailed;
    /** The channel of the message being received (continuation frames carry none). */
    private int messageChannel = -1;

    ExecSession(String endpoint, String execId, ExecOptions options, StreamProtocol protocol) {
        this.endpoint = endpoint;
        this.execId = execId;
        this.options = options;
        this.protocol = protocol;
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        this.session = coreSession;
        callback.succeeded();
        LIVE_THREADS.incrementAndGet();
        Thread.ofVirtual().name("rdd-exec-" + execId.substring(0, Math.min(12, execId.length()))).start(() -> {
            try {
                pump();
            } finally {
                LIVE_THREADS.decrementAndGet();
            }
        });
        coreSession.demand();
    }

    // ================================================================================ engine → client

    private void pump() {
        try {
            EngineSocket s = EngineSocket.connect(endpoint);
            engine = s;
            if (closed.get()) {
                s.close(); // the client left while we connected
                return;
            }
            Map<String, Object> start = new java.util.LinkedHashMap<>();
            start.put("Detach", false);
            start.put("Tty", options.tty());
            if (options.tty()) {
                // kube clients send the terminal's size first: start the command with it (Docker's ConsoleSize), so
                // that its first look at the size is right, which a resize after the start cannot promise.
                firstMessage.await(FIRST_SIZE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                if (closed.get()) {
                    return;
                }
                int[] size = initialSize;
                if (size != null) {
                    start.put("ConsoleSize", java.util.List.of(size[1], size[0]));
                }
            }
            byte[] body = JSON.writeValueAsBytes(start);
            s.send("POST", "/exec/" + execId + "/start", body, Map.of("Connection", "Upgrade", "Upgrade", "tcp"));
            EngineSocket.Answer head = s.readHead();
            if (head.code() != 101 && head.code() != 200) {
                throw new IOException("the engine refused to start the exec: HTTP " + head.code());
            }
            attached.countDown();
            if (options.tty()) {
                byte[] buf = new byte[CHUNK];
                for (int n = s.read(buf, 0, buf.length); n >= 0; n = s.read(buf, 0, buf.length)) {
                    if (n > 0) {
                        send(StreamProtocol.STDOUT, buf, 0, n);
                    }
                }
            } else {
                demultiplex(s);
            }
            int exit = exitCode();
            send(StreamProtocol.ERROR, StreamProtocol.exitStatus(exit, options.command()));
            closeSession(CloseStatus.NORMAL, "");
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (!closed.get()) {
                log.debug("exec {} failed: {}", execId, e.toString());
                try {
                    send(StreamProtocol.ERROR, StreamProtocol.failure("exec failed: " + e.getMessage()));
                } catch (IOException | InterruptedException ignored) {
                    // the client is gone too
                }
                closeSession(CloseStatus.SERVER_ERROR, "exec failed");
            }
        } finally {
            attachFailed = attached.getCount() > 0;
            attached.countDown();
            closeEngine();
        }
    }

    /** Docker's multiplexed stream: 8-byte headers (stream type, 3 zero bytes, big-endian length), then the payload. */
    private void demultiplex(EngineSocket s) throws IOException, InterruptedException {
        byte[] header = new byte[8];
        byte[] buf = new byte[CHUNK];
        while (s.readExactly(header, 8)) {
            int channel = header[0] == 2 ? StreamProtocol.STDERR : StreamProtocol.STDOUT;
            long left = ByteBuffer.wrap(header, 4, 4).getInt() & 0xffffffffL;
            while (left > 0) {
                int want = (int) Math.min(buf.length, left);
                if (!s.readExactly(buf, want)) {
                    throw new IOException("the engine closed the stream in a frame");
                }
                send(channel, buf, 0, want);
                left -= want;
            }
        }
    }

    /** The exit code from {@code GET /exec/{id}/json}, waiting (bounded) until the engine marks the exec stopped. */
    private int exitCode() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + EXIT_CODE_WAIT.toNanos();
        long pause = 5;
        while (true) {
            EngineSocket.Answer a = EngineSocket.call(endpoint, "GET", "/exec/" + execId + "/json", null);
            if (a.code() != 200) {
                throw new IOException("inspecting exec " + execId + ": HTTP " + a.code() + " " + a.text().trim());
            }
            JsonNode n = JSON.readTree(a.body());
            if (!n.path("Running").asBoolean(false) && n.path("ExitCode").isInt()) {
                return n.path("ExitCode").asInt();
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the engine did not report the exit code of exec " + execId + " within " + EXIT_CODE_WAIT);
            }
            TimeUnit.MILLISECONDS.sleep(pause); // a bounded poll of the engine's state, not a synchronisation of our own threads
            pause = Math.min(pause * 2, 200);
        }
    }

    private void send(int channel, byte[] data) throws IOException, InterruptedException {
        send(channel, data, 0, data.length);
    }

    /** Sends one binary message (channel byte + data) and waits until it is written: the client's pace is the engine's. */
    private void send(int channel, byte[] data, int off, int len) throws IOException, InterruptedException {
        ByteBuffer payload = ByteBuffer.allocate(len + 1);
        payload.put((byte) channel).put(data, off, len).flip();
        FutureCallback done = new FutureCallback();
        session.sendFrame(new Frame(OpCode.BINARY).setPayload(payload), done, false);
        try {
            done.get();
        } catch (ExecutionException e) {
            throw new IOException("writing to the client: " + e.getCause(), e.getCause());
        }
    }

    private void closeSession(int code, String reason) {
        if (closed.compareAndSet(false, true)) {
            session.close(code, reason, Callback.NOOP);
        }
    }

    private void closeEngine() {
        EngineSocket s = engine;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                log.debug("closing the engine connection of exec {}: {}", execId, e.toString());
            }
        }
    }

    // ================================================================================ client → engine

    @Override
    public void onFrame(Frame frame, Callback callback) {
        byte op = frame.getOpCode();
        if (op != OpCode.BINARY && op != OpCode.CONTINUATION) {
            if (op == OpCode.TEXT) {
                log.debug("exec {}: ignoring a text message (only binary channel.k8s.io protocols are served)", execId);
            }
            callback.succeeded();
            demandUnlessClosed();
            return;
        }
        ByteBuffer payload = frame.getPayload() == null ? ByteBuffer.allocate(0) : frame.getPayload().slice();
        if (op == OpCode.BINARY) {
            messageChannel = payload.hasRemaining() ? payload.get() & 0xff : -1;
        }
        int channel = messageChannel;
        if (frame.isFin()) {
            messageChannel = -1;
        }
        byte[] data = new byte[payload.remaining()];
        payload.get(data);
        Callback next = Callback.from(() -> {
            callback.succeeded();
            demandUnlessClosed();
        }, callback::failed);
        if (channel == StreamProtocol.RESIZE && firstMessage.getCount() > 0) {
            initialSize = size(data);
        }
        firstMessage.countDown();
        switch (channel) {
            case StreamProtocol.STDIN -> afterAttach(next, s -> s.write(data));
            case StreamProtocol.RESIZE -> afterAttach(next, s -> resize(data));
            case StreamProtocol.CLOSE -> {
                if (protocol == StreamProtocol.V5 && data.length > 0 && data[0] == StreamProtocol.STDIN) {
                    afterAttach(next, EngineSocket::shutdownOutput);
                } else {
                    next.succeeded();
                }
            }
            default -> next.succeeded(); // stdout, stderr, error: nothing for the server to do
        }
    }

    private interface EngineStep {
        void run(EngineSocket s) throws IOException;
    }

    /** Runs {@code step} on a virtual thread once the exec is attached (a no-op if the attach failed or all is closed). */
    private void afterAttach(Callback next, EngineStep step) {
        LIVE_THREADS.incrementAndGet();
        Thread.ofVirtual().start(() -> {
            try {
                attached.await();
                EngineSocket s = engine;
                if (!attachFailed && !closed.get() && s != null) {
                    step.run(s);
                }
            } catch (IOException e) {
                log.debug("exec {}: {}", execId, e.toString()); // the engine connection is gone: the pump reports it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                LIVE_THREADS.decrementAndGet();
            }
            next.succeeded();
        });
    }

    /** A resize message's {@code {"Width":w,"Height":h}} as {w, h}; null when it is not a valid size. */
    private static int[] size(byte[] json) {
        try {
            JsonNode size = JSON.readTree(new String(json, StandardCharsets.UTF_8));
            int w = size.path("Width").asInt(0);
            int h = size.path("Height").asInt(0);
            return w > 0 && h > 0 ? new int[] {w, h} : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Channel 4: {@code {"Width":w,"Height":h}} → {@code POST /exec/{id}/resize?h=&w=}. */
    private void resize(byte[] json) throws IOException {
        int[] size = size(json);
        if (size == null) {
            return;
        }
        int w = size[0];
        int h = size[1];
        EngineSocket.Answer a = EngineSocket.call(endpoint, "POST", "/exec/" + execId + "/resize?h=" + h + "&w=" + w, null);
        if (a.code() / 100 != 2) {
            log.debug("exec {}: resize to {}x{} answered HTTP {} {}", execId, w, h, a.code(), a.text().trim());
        }
    }

    private void demandUnlessClosed() {
        CoreSession s = session;
        if (s != null && !s.isClosed() && s.isInputOpen()) {
            s.demand();
        }
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        log.debug("exec {}: WebSocket error: {}", execId, cause.toString());
        closed.set(true);
        firstMessage.countDown();
        closeEngine();
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        closed.set(true);
        firstMessage.countDown();
        closeEngine();
        callback.succeeded();
    }
}
