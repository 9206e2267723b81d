package io.rancherdesktop.rdd.launcher;

import io.rancherdesktop.rdd.cli.RddMain;
import java.util.List;

/**
 * The {@code rdd} executable: the lean CLI ({@link RddMain}) plus {@code svc serve}, the one command that needs the
 * service runtime. The CLI module cannot see the runtime (docs/architecture.md), so the runtime's command joins the
 * command tree here, in the only module that depends on both.
 */
public final class Rdd {
    private Rdd() {
    }

    public static void main(String[] argv) {
        RddMain.main(argv, List.of(ServeCommand.class));
    }
}
