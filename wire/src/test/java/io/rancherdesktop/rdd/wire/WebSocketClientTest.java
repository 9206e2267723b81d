package io.rancherdesktop.rdd.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WebSocketClientTest {
    @Test
    void theAcceptKeyIsRfc6455sExample() {
        // The sample handshake of RFC 6455 (section 1.3): its nonce and the Sec-WebSocket-Accept the server must answer.
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketClient.acceptFor("dGhlIHNhbXBsZSBub25jZQ=="));
    }
}
