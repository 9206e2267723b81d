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

/**
 * {@code rdd ctl run [flags] IMAGE [COMMAND [ARG...]]}: {@code docker run -d} through a ContainerCreateRequest
 * (docs/cli.md). Waits for the request's outcome; prints the container ID. Everything after IMAGE is the
 * container's command, flags included (as with docker).
 */
@Command(name = "run", description = "Create and start a container from an image (docker run -d), through a ContainerCreateRequest.")
public final class RunCommand implements Callable<Integer> {
    private final CtlSession session;

    @Parameters(index = "0", paramLabel = "IMAGE")
    String image;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "0..*", description = "The command and its arguments (Docker Cmd).")
    List<String> command = new ArrayList<>();

    @Option(names = "--name", paramLabel = "NAME", description = "Container name.")
    String name;

    @Option(names = {"-e", "--env"}, paramLabel = "K=V", description = "Environment variable (K alone: its value here).")
    List<String> env = new ArrayList<>();

    @Option(names = {"-p", "--publish"}, paramLabel = "[IP:][HOST:]PORT[/PROTO]", description = "Publish a container port.")
    List<String> publish = new ArrayList<>();

    @Option(names = {"-v", "--volume"}, paramLabel = "SRC:DST[:ro]", description = "Named volume or bind mount (SRC an absolute path).")
    List<String> volumes = new ArrayList<>();

    @Option(names = "--restart", paramLabel = "POLICY", description = "no, always, unless-stopped or on-failure[:N].")
    String restart;

    @Option(names = "--rm", description = "Remove the container when it exits.")
    boolean autoRemove;

    @Option(names = "--entrypoint", paramLabel = "CMD", description = "Override the image's entrypoint (Docker Entrypoint).")
    String entrypoint;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container.")
    String workdir;

    @Option(names = {"-l", "--label"}, paramLabel = "K=V", description = "Container label.")
    List<String> labels = new ArrayList<>();

    @Option(names = "--network", paramLabel = "MODE", description = "Network mode (bridge, host, none, a network name).")
    String network;

    @Option(names = {"-d", "--detach"}, negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run in the background and print the container ID (the default; --no-detach is not supported).")
    boolean detach = true;

    @Option(names = "--created", hidden = true, description = "Create without starting (spec.state created).")
    boolean createdOnly;

    public RunCommand(CliContext ctx) {
        this.session = new CtlSession(ctx);
    }

    @Override
    public Integer call() throws ApiException {
        if (!detach) {
            throw CliException.plain(ExitCodes.GENERIC, "error: rdd ctl run always detaches; follow the container with docker logs -f");
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("image", image);
        try {
            if (name != null) {
                spec.put("name", name);
            }
            if (entrypoint != null) {
                spec.put("path", entrypoint);
            }
            if (!command.isEmpty()) {
                spec.put("args", command);
            }
            if (!env.isEmpty()) {
                spec.put("env", RunFlags.env(env, session.ctx().env()));
            }
            if (!publish.isEmpty()) {
                spec.put("ports", RunFlags.ports(publish));
            }
            if (!volumes.isEmpty()) {
                spec.put("mounts", volumes.stream().map(RunFlags::mount).toList());
            }
            if (restart != null) {
                spec.put("restartPolicy", RunFlags.restart(restart));
            }
            if (autoRemove) {
                spec.put("autoRemove", true);
            }
            if (workdir != null) {
                spec.put("workingDir", workdir);
            }
            if (!labels.isEmpty()) {
                spec.put("labels", RunFlags.labels(labels));
            }
            if (network != null) {
                spec.put("networkMode", network);
            }
        } catch (IllegalArgumentException e) {
            throw CliException.plain(ExitCodes.GENERIC, "error: " + e.getMessage());
        }
        spec.put("state", createdOnly ? "created" : "running");
        Requests requests = new Requests(session);
        Map<String, Object> created = requests.create(Requests.request("ContainerCreateRequest", requests.resourceNamespace(), "run", spec));
        Map<String, Object> done = requests.await(created);
        session.out().println(Requests.status(done, "containerRef"));
        session.out().flush();
        return ExitCodes.OK;
    }
}
