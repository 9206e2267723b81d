package io.rancherdesktop.rdd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubectlCommandTest {
    @Test
    void kubectlIsFoundOnThePathOnlyWhenExecutable(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path kubectl = Files.writeString(bin.resolve("kubectl"), "#!/bin/sh\n");
        assertTrue(KubectlCommand.find(dir + ":" + bin).isEmpty(), "not executable yet");
        Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(kubectl, KubectlCommand.find(dir.resolve("nope") + "::" + bin).orElseThrow());
        assertTrue(KubectlCommand.find(null).isEmpty());
    }

    @Test
    void withoutKubectlItSaysHowToGetOneAndStartsNothing(@TempDir Path dir) {
        Map<String, String> env = Map.of("PATH", dir.toString(), "RDD_INSTANCE", "kubectl-test-none");
        int code = RddMain.run(new String[] {"kubectl", "get", "pods"}, env, new PrintStream(new ByteArrayOutputStream(), true));
        assertEquals(ExitCodes.GENERIC, code);
        assertFalse(Files.exists(io.rancherdesktop.rdd.instance.InstancePaths.forInstance(
                new io.rancherdesktop.rdd.instance.Instance("kubectl-test-none")).argsFile()), "no instance created");
    }
}
