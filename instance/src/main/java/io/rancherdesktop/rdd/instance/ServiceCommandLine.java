package io.rancherdesktop.rdd.instance;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How to run another {@code rdd} in a new JVM like the current one: the same {@code java} ({@code java.home}) and
 * class path, the JVM's AOT/CDS flags (so the service starts from the same AOT cache), service JVM options from
 * {@code RDD_SERVICE_JAVA_OPTS}, then the main class. When the runtime has no {@code bin/java} (a jpackage image),
 * the native launcher that started this process is used instead.
 *
 * @param java      the java executable, or null when {@code launcher} is used
 * @param jvmOptions options before the main class
 * @param classPath the class path
 * @param mainClass the CLI's main class
 * @param launcher  a native launcher (jpackage) used instead of java, or null
 */
public record ServiceCommandLine(String java, List<String> jvmOptions, String classPath, String mainClass, String launcher) {
    /**
     * The service's main class: the {@code rdd} executable (launcher module), which has {@code svc serve}. A name, not
     * a class reference: this module sits below the launcher.
     */
    public static final String SERVICE_MAIN = "io.rancherdesktop.rdd.launcher.Rdd";

    public static final String ENV_SERVICE_JAVA_OPTS = "RDD_SERVICE_JAVA_OPTS";
    /** A system property naming the instance on the service's command line, so {@code ps}/{@code pgrep} can tell instances apart. */
    public static final String INSTANCE_PROPERTY = "rdd.instance";

    public ServiceCommandLine {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** The command line of the current JVM, for {@code mainClass}. */
    public static ServiceCommandLine ofCurrentJvm(String mainClass, Map<String, String> env) {
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path java = javaHome.resolve("bin").resolve(Platform.current() == Platform.WINDOWS ? "java.exe" : "java");
        List<String> opts = new ArrayList<>();
        if (!Files.isExecutable(java)) {
            String launcher = ProcessHandle.current().info().command().orElseThrow(
                    () -> new IllegalStateException("cannot find a java executable in " + javaHome + " nor this process's launcher"));
            return new ServiceCommandLine(null, List.of(), null, mainClass, launcher);
        }
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (isAotOption(a)) {
                opts.add(a);
            }
        }
        String extra = env.get(ENV_SERVICE_JAVA_OPTS);
        if (extra != null && !extra.isBlank()) {
            opts.addAll(List.of(extra.trim().split("\\s+")));
        }
        return new ServiceCommandLine(java.toString(), opts, System.getProperty("java.class.path"), mainClass, null);
    }

    /**
     * A long-lived daemon that is idle most of the time: start with a small heap and give memory back after a
     * collection instead of keeping the JVM's default initial heap (1/64 of RAM) warm. Measured with an engine and
     * 50 volumes: RSS 202 MiB instead of 279 MiB. {@code RDD_SERVICE_JAVA_OPTS} comes later and wins.
     */
    static final List<String> HEAP_OPTIONS = List.of("-Xms16m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");

    /**
     * AOT cache / CDS options: the service reuses the CLI's AOT cache (same class path), so it also takes the options
     * the cache must match, such as {@code --enable-native-access} (an installed rdd trains and runs with it; a JVM
     * whose value differs from the training run's cannot use the cache at all).
     */
    static boolean isAotOption(String a) {
        return a.startsWith("-XX:AOTCache=") || a.startsWith("-XX:SharedArchiveFile=") || a.startsWith("-Xshare:")
                || a.startsWith("-Xlog:aot") || a.startsWith("-Xlog:cds") || a.equals("-XX:+UseSerialGC")
                || a.startsWith("--enable-native-access");
    }

    /** Everything before the rdd arguments. */
    public List<String> prefix(Instance instance) {
        if (launcher != null) {
            return List.of(launcher);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        // --enable-native-access only as the CLI has it (isAotOption): the AOT cache records that property, and a JVM
        // started with another value than the training run cannot use the cache at all.
        cmd.addAll(HEAP_OPTIONS);
        cmd.addAll(jvmOptions);
        cmd.add("-D" + INSTANCE_PROPERTY + "=" + instance.name());
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass);
        return cmd;
    }
}
