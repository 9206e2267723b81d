package io.rancherdesktop.rdd.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rancherdesktop.rdd.instance.Instance;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.instance.Platform;
import io.rancherdesktop.rdd.testing.RawApiClient;
import io.rancherdesktop.rdd.testing.ServeProcess;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another local user ({@code nobody}, through {@code runuser}) against a real {@code rdd svc serve} process
 * (docs/reliability.md, "Another local user"). The instance lives under a temp home whose directories are all made
 * traversable and listable by others, so that only the files' own modes and the server's checks protect it:
 * the Unix socket refuses to connect (file mode), and once made world-writable the {@code SO_PEERCRED} check
 * answers 401 naming the user; no file that holds a secret is readable; HTTPS without or with a wrong token is 401.
 * Needs root (skipped otherwise).
 */
class AnotherLocalUserIT {
    private static final String NS = "/api/v1/namespaces";

    @Test
    void anotherUserCanNeitherUseTheSocketNorReadSecretsNorCallHttpsWithoutTheToken(@TempDir Path home) throws Exception {
        assumeTrue(Commands.isRoot(), "needs root to act as another user (runuser -u nobody)");
        assumeTrue(Commands.onPath("runuser") && Commands.onPath("curl"), "needs runuser (util-linux) and curl");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        InstancePaths paths = new InstancePaths(new Instance("lu"), Platform.current(), home, Map.of());
        Path log = Path.of("target", "test-logs", "another-user-serve.log");
        Files.deleteIfExists(log);
        try (ServeProcess serve = ServeProcess.start(home, "lu", paths.apiSocket(), log, List.of("--secure-port", "0"))) {
            RawApiClient owner = RawApiClient.fromKubeconfig(paths.config());
            assertEquals(200, owner.get(NS).status(), "the owner's token works");
            openEveryDirectory(home);

            // 1. Every file the service wrote: none that holds a secret is readable by group or others, and nobody
            //    really cannot read them (the kernel says so, not only the mode bits).
            List<Path> files;
            try (Stream<Path> all = Files.walk(home)) {
                files = all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
            }
            List<String> secrets = List.of(paths.config().toString(), paths.tlsDir().resolve("token").toString(),
                    paths.tlsDir().resolve("ca.key").toString(), paths.tlsDir().resolve("apiserver.key").toString(),
                    paths.datastore().toString());
            for (String s : secrets) {
                assertTrue(files.stream().anyMatch(f -> f.toString().equals(s)), s + " exists: " + files);
            }
            List<String> report = new ArrayList<>();
            for (Path f : files) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f, LinkOption.NOFOLLOW_LINKS);
                report.add(PosixFilePermissions.toString(perms) + " " + home.relativize(f));
                boolean secret = holdsASecret(f, paths);
                if (secret) {
                    assertTrue(perms.stream().noneMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")),
                            f + " holds a secret and is " + PosixFilePermissions.toString(perms));
                }
            }
            System.out.println("AnotherLocalUserIT files:\n  " + String.join("\n  ", report));
            List<String> readCmd = new ArrayList<>(List.of("sh", "-c",
                    "for f; do if cat \"$f\" >/dev/null 2>&1; then echo \"READABLE $f\"; else echo \"refused $f\"; fi; done", "sh"));
            files.stream().filter(f -> holdsASecret(f, paths)).forEach(f -> readCmd.add(f.toString()));
            Commands.Result read = Commands.asNobody(readCmd);
            assertEquals(0, read.code(), read.output());
            assertFalse(read.output().contains("READABLE"), read.output());
            assertTrue(read.output().contains("refused " + paths.tlsDir().resolve("token")), read.output());

            // 2. The socket: its mode refuses the connection.
            Path socket = paths.apiSocket();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            Commands.Result refused = Commands.asNobody(List.of("curl", "-sS", "-m", "10", "-o", "/dev/null", "-w", "%{http_code}",
                    "--unix-socket", socket.toString(), "http://localhost" + NS));
            assertEquals(7, refused.code(), "curl cannot connect (exit 7): " + refused.output());
            assertTrue(refused.output().endsWith("000"), "no HTTP answer: " + refused.output());

            // 3. Made world-writable, it connects, and the peer-uid check refuses the user by name.
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
            Commands.Result peer = Commands.asNobody(List.of("curl", "-sS", "-m", "10", "-w", "\n%{http_code}",
                    "--unix-socket", socket.toString(), "http://localhost" + NS));
            assertEquals(0, peer.code(), peer.output());
            assertTrue(peer.output().endsWith("\n401"), peer.output());
            assertTrue(peer.output().contains("\"kind\":\"Status\"") && peer.output().contains("user \\\"nobody\\\" is not the owner"),
                    peer.output());
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            assertTrue(serve.log().contains("refused a Unix-socket connection of user nobody"), "the service logs the refusal");

            // 4. HTTPS from that user: no token and a wrong token are 401, and change nothing.
            for (List<String> auth : List.of(List.<String>of(), List.of("-H", "Authorization: Bearer not-the-token"),
                    List.of("-H", "Authorization: Basic bm9ib2R5Om5vYm9keQ=="))) {
                List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-k", "-m", "10", "-w", "\n%{http_code}"));
                cmd.addAll(auth);
                cmd.addAll(List.of("-X", "POST", "-H", "Content-Type: application/json",
                        "-d", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"intruder\"}}", owner.base() + NS));
                Commands.Result https = Commands.asNobody(cmd);
                assertEquals(0, https.code(), https.output());
                assertTrue(https.output().endsWith("\n401"), auth + ": " + https.output());
                assertTrue(https.output().contains("\"reason\":\"Unauthorized\""), https.output());
            }
            assertEquals(404, owner.get(NS + "/intruder").status(), "no refused request changed anything");
            assertEquals(0, serve.terminate(Duration.ofSeconds(30)));
        }
    }

    /** The kubeconfigs, the token, private keys, the datastore (it holds Secrets) and its journal files. */
    private static boolean holdsASecret(Path f, InstancePaths paths) {
        String name = f.getFileName().toString();
        return f.equals(paths.config()) || f.equals(paths.kubeConfig()) || f.equals(paths.k3sConfig())
                || name.equals("token") || name.endsWith(".key") || name.startsWith(paths.datastore().getFileName().toString());
    }

    /** Adds r-x for group and others to every directory under {@code home}, so only the files' own modes protect them. */
    private static void openEveryDirectory(Path home) throws Exception {
        List<Path> dirs;
        try (Stream<Path> all = Files.walk(home)) {
            dirs = all.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
        for (Path d : dirs) {
            Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(d, LinkOption.NOFOLLOW_LINKS));
            perms.addAll(Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
            Files.setPosixFilePermissions(d, perms);
        }
    }
}
