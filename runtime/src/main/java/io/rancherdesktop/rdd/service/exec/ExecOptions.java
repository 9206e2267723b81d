package io.rancherdesktop.rdd.service.exec;

import java.util.List;

/**
 * The options of one exec, as {@code pods/exec} takes them: the repeated {@code command}, which streams to attach,
 * and {@code tty} (with a TTY stderr is merged into stdout, so it is not attached, as kubelet does).
 */
record ExecOptions(List<String> command, boolean stdin, boolean stdout, boolean stderr, boolean tty) {
    ExecOptions {
        command = List.copyOf(command);
        if (tty) {
            stderr = false;
        }
    }
}
