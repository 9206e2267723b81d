package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.wire.WebSocketClient;
import java.io.IOException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * {@code rdd ctl exec -t}'s terminal, through JLine (its {@code exec} provider: {@code stty} on the controlling
 * terminal, no native library): raw mode for the session, restored after; the window size sent at once and on every
 * {@code SIGWINCH}. Only this class names JLine, so no other command loads it.
 */
final class ExecTerminal {
    private ExecTerminal() {
    }

    static int run(ExecCommand command, WebSocketClient ws) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).provider("exec").nativeSignals(true)
                // No capability probes: they write queries to the terminal and read its answers from stdin, which is the exec's.
                .graphemeCluster(false).build()) {
            Attributes saved = terminal.enterRawMode();
            try {
                return command.stream(ws, send -> {
                    Size s = terminal.getSize();
                    send.accept(s.getColumns(), s.getRows());
                    terminal.handle(Terminal.Signal.WINCH, sig -> {
                        Size now = terminal.getSize();
                        send.accept(now.getColumns(), now.getRows());
                    });
                });
            } finally {
                terminal.setAttributes(saved);
            }
        }
    }
}
