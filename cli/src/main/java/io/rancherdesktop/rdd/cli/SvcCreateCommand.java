package io.rancherdesktop.rdd.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rdd svc create [--controllers SPEC] [--secure-port N] [ARGS…]} (docs/design/upstream-cli.md §7). */
@Command(name = "create", description = "Create the control plane of this instance (writes args.json).")
public final class SvcCreateCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--controllers", paramLabel = "SPEC", defaultValue = "*",
            description = "Controllers to run: comma-separated names or groups, * for all, a leading - excludes (default *).")
    String controllers;

    @Option(names = "--secure-port", paramLabel = "PORT", description = "HTTPS port of the API server (default 6443+index).")
    String securePort;

    @Parameters(paramLabel = "ARGS", arity = "0..*", description = "Further arguments for the service.")
    List<String> args = new ArrayList<>();

    public SvcCreateCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        new ServiceControl(ctx).create(args, SvcOptions.controllers(controllers), SvcOptions.securePort(securePort));
        return ExitCodes.OK;
    }
}
