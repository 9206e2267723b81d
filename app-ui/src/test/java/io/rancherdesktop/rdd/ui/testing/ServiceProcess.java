package io.rancherdesktop.rdd.ui.testing;

import io.rancherdesktop.rdd.instance.Instance;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.instance.Platform;
import io.rancherdesktop.rdd.service.ServiceRuntime;
import io.rancherdesktop.rdd.ui.launch.ServiceConnector;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The rdd service (API only, mirrors written by the test) in a child JVM, so a test can kill it as a crash does
 * (SIGKILL: the kernel closes every socket) and start it again on the same port and datastore.
 */
public final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private ServiceProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the child and waits until its API serves (it prints {@code READY <port>}). */
    public static ServiceProcess start(Path home, String instance, int port) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ServiceProcess.class.getName(), home.toString(), instance, String.valueOf(port))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("READY ")) {
                        return line;
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String line = ready.get(60, TimeUnit.SECONDS);
            if (line == null) {
                throw new IllegalStateException("the service process ended before serving (exit " + p.waitFor() + ")");
            }
            return new ServiceProcess(p, Integer.parseInt(line.substring("READY ".length()).trim()));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            throw new IllegalStateException("the service process did not serve within 60 s", e);
        }
    }

    public int port() {
        return port;
    }

    /** SIGKILL, then waits for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** The child: {@code <home> <instance> <port>}; serves until killed or its stdin closes. */
    public static void main(String[] args) throws Exception {
        InstancePaths paths = new InstancePaths(new Instance(args[1]), Platform.current(), Path.of(args[0]), Map.of());
        ServiceRuntime.Options options = Mirrors.writtenByTheTest(ServiceConnector.serveOptions(paths)
                .withSecurePort(Integer.parseInt(args[2])).withControllers("*", List.of()));
        try (ServiceRuntime runtime = ServiceRuntime.start(paths, options)) {
            System.out.println("READY " + java.net.URI.create(runtime.serverUrl()).getPort());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the parent goes
            }
        }
    }
}
