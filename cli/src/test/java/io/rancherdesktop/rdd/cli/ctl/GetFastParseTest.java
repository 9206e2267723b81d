package io.rancherdesktop.rdd.cli.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rancherdesktop.rdd.cli.CliContext;
import io.rancherdesktop.rdd.cli.GlobalArgs;
import io.rancherdesktop.rdd.instance.InstancePaths;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ctl get} parsed without picocli fills the command exactly as picocli does. */
class GetFastParseTest {
    private static final CliContext CTX = new CliContext(GlobalArgs.parse(new String[0], Map.of()),
            InstancePaths.forInstance(GlobalArgs.parse(new String[0], Map.of()).instance()), Map.of(), new PrintStream(PrintStream.nullOutputStream()));

    private static GetCommand picocli(String... args) {
        GetCommand g = new GetCommand(CTX);
        new CommandLine(g).parseArgs(args);
        return g;
    }

    private static void assertSame(String line) {
        String[] args = line.split(" ");
        GetCommand fast = GetCommand.fastParse(CTX, List.of(args)).orElseThrow(() -> new AssertionError("declined: " + line));
        GetCommand slow = picocli(args);
        assertEquals(slow.args, fast.args, line);
        assertEquals(slow.output, fast.output, line);
        assertEquals(slow.ns.namespace, fast.ns.namespace, line);
        assertEquals(slow.ns.allNamespaces, fast.ns.allNamespaces, line);
        assertEquals(slow.selector, fast.selector, line);
        assertEquals(slow.fieldSelector, fast.fieldSelector, line);
        assertEquals(slow.noHeaders, fast.noHeaders, line);
        assertEquals(slow.ignoreNotFound, fast.ignoreNotFound, line);
        assertEquals(slow.showKind, fast.showKind, line);
        assertEquals(slow.showLabels, fast.showLabels, line);
    }

    @Test
    void commonFlagCombinationsParseLikePicocli() {
        for (String line : List.of("configmaps", "configmaps -n default -o name", "cm a b -ojson", "cm -n=kube-system", "cm --namespace kube-system",
                "cm -A --no-headers", "cm -l app=x,tier!=db --field-selector metadata.name=a", "cm/a cm/b -o yaml",
                "cm --output=jsonpath={.items[*].metadata.name}", "apps.app.rancherdesktop.io --show-kind --show-labels --ignore-not-found")) {
            assertSame(line);
        }
    }

    @Test
    void rareFlagsAreLeftToPicocli() {
        for (String line : List.of("cm -w", "cm --watch", "cm --raw /api", "cm -h", "cm --chunk-size=5", "cm -n", "cm --no-headers=true")) {
            assertTrue(GetCommand.fastParse(CTX, List.of(line.split(" "))).isEmpty(), line);
        }
    }
}
