package io.rancherdesktop.rdd.service.streams;

import java.io.IOException;

/**
 * Demultiplexes Docker's attach/logs stream of a container without a TTY: frames of an 8-byte header
 * ({@code [stream, 0, 0, 0, size (4 bytes, big-endian)]}, stream 1 stdout, 2 stderr) and {@code size} payload bytes.
 * The payloads of both streams go to one sink in arrival order, the headers are dropped. Bytes may arrive split
 * anywhere, a header included.
 */
final class DockerFrames {
    /** Where payload bytes go. */
    @FunctionalInterface
    interface Sink {
        void write(byte[] b, int off, int len) throws IOException;
    }

    private final byte[] header = new byte[8];
    private int headerFill;
    private long payloadLeft;

    void feed(byte[] b, int off, int len, Sink sink) throws IOException {
        while (len > 0) {
            if (payloadLeft == 0) {
                int take = Math.min(header.length - headerFill, len);
                System.arraycopy(b, off, header, headerFill, take);
                headerFill += take;
                off += take;
                len -= take;
                if (headerFill == header.length) {
                    headerFill = 0;
                    payloadLeft = ((header[4] & 0xffL) << 24) | ((header[5] & 0xffL) << 16) | ((header[6] & 0xffL) << 8) | (header[7] & 0xffL);
                }
                continue;
            }
            int take = (int) Math.min(payloadLeft, len);
            sink.write(b, off, take);
            payloadLeft -= take;
            off += take;
            len -= take;
        }
    }
}
