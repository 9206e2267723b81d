package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.CliContext;
import io.rancherdesktop.rdd.cli.CliException;
import io.rancherdesktop.rdd.cli.ExitCodes;
import io.rancherdesktop.rdd.wire.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rdd ctl volume}: volume requests (docs/cli.md). */
@Command(name = "volume", description = "Manage volumes through requests.", subcommands = VolumeCommand.Create.class)
public final class VolumeCommand {

    /** {@code rdd ctl volume create [--driver D] [--label K=V] [--opt K=V] NAME}: a VolumeCreateRequest; prints the name. */
    @Command(name = "create", description = "Create a volume (docker volume create), through a VolumeCreateRequest.")
    public static final class Create implements Callable<Integer> {
        private final CtlSession session;

        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Volume name; the engine picks one when omitted.")
        String name;

        @Option(names = {"-d", "--driver"}, paramLabel = "DRIVER", description = "Volume driver (default local).")
        String driver;

        @Option(names = "--label", paramLabel = "K=V", description = "Volume label.")
        List<String> labels = new ArrayList<>();

        @Option(names = {"-o", "--opt"}, paramLabel = "K=V", description = "Driver option.")
        List<String> options = new ArrayList<>();

        public Create(CliContext ctx) {
            this.session = new CtlSession(ctx);
        }

        @Override
        public Integer call() throws ApiException {
            Map<String, Object> spec = new LinkedHashMap<>();
            if (name != null) {
                spec.put("name", name);
            }
            if (driver != null) {
                spec.put("driver", driver);
            }
            try {
                if (!labels.isEmpty()) {
                    spec.put("labels", RunFlags.labels(labels));
                }
                if (!options.isEmpty()) {
                    spec.put("options", RunFlags.labels(options));
                }
            } catch (IllegalArgumentException e) {
                throw CliException.plain(ExitCodes.GENERIC, "error: " + e.getMessage());
            }
            Requests requests = new Requests(session);
            Map<String, Object> created = requests.create(Requests.request("VolumeCreateRequest", requests.resourceNamespace(), "volume", spec));
            Map<String, Object> done = requests.await(created);
            session.out().println(Requests.status(done, "volumeName"));
            session.out().flush();
            return ExitCodes.OK;
        }
    }
}
