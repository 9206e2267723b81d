package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.CliContext;
import io.rancherdesktop.rdd.cli.ExitCodes;
import io.rancherdesktop.rdd.wire.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rdd ctl pull} and {@code rdd ctl push}: ImagePullRequest and ImagePushRequest with progress (docs/cli.md). */
final class ImageTransferCommands {
    private ImageTransferCommands() {
    }

    static int run(CtlSession session, String kind, String prefix, String image, String secret) throws ApiException {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("repoTag", image);
        if (secret != null) {
            spec.put("secretRef", secret);
        }
        Requests requests = new Requests(session);
        Map<String, Object> created = requests.create(Requests.request(kind, requests.resourceNamespace(), prefix, spec));
        Map<String, Object> done = requests.await(created);
        String digest = Requests.status(done, "digest");
        if (!digest.isEmpty()) {
            System.err.println("Digest: " + digest);
        }
        session.out().println(image);
        session.out().flush();
        return ExitCodes.OK;
    }

    /** {@code rdd ctl pull IMAGE}. */
    @Command(name = "pull", description = "Pull an image (docker pull), through an ImagePullRequest.")
    public static final class Pull implements Callable<Integer> {
        private final CtlSession session;

        @Parameters(index = "0", paramLabel = "IMAGE")
        String image;

        @Option(names = "--secret", paramLabel = "NAME", description = "A kubernetes.io/dockerconfigjson Secret with the registry credentials.")
        String secret;

        public Pull(CliContext ctx) {
            this.session = new CtlSession(ctx);
        }

        @Override
        public Integer call() throws ApiException {
            return run(session, "ImagePullRequest", "pull", image, secret);
        }
    }

    /** {@code rdd ctl push IMAGE}. */
    @Command(name = "push", description = "Push an image tag (docker push), through an ImagePushRequest.")
    public static final class Push implements Callable<Integer> {
        private final CtlSession session;

        @Parameters(index = "0", paramLabel = "IMAGE")
        String image;

        @Option(names = "--secret", paramLabel = "NAME", description = "A kubernetes.io/dockerconfigjson Secret with the registry credentials.")
        String secret;

        public Push(CliContext ctx) {
            this.session = new CtlSession(ctx);
        }

        @Override
        public Integer call() throws ApiException {
            return run(session, "ImagePushRequest", "push", image, secret);
        }
    }
}
