package io.rancherdesktop.rdd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rancherdesktop.rdd.instance.InstancePaths;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The picocli-free fast path must behave exactly like picocli for what it accepts, and decline everything else. */
class FastPathTest {
    private static final Map<String, String> ENV = Map.of("RDD_INSTANCE", "fastpath");

    private static CliContext context(ByteArrayOutputStream out, String... argv) {
        GlobalArgs g = GlobalArgs.parse(argv, ENV);
        return new CliContext(g, InstancePaths.forInstance(g.instance()), ENV, new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    private static String viaFastPath(String... argv) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CliContext ctx = context(out, argv);
        var cmd = FastPath.parse(ctx, ctx.global().args()).orElseThrow(() -> new AssertionError("fast path declined " + List.of(argv)));
        assertEquals(0, cmd.call());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String viaPicocli(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CliContext ctx = context(out, argv);
        assertEquals(0, RddMain.commandLine(ctx).execute(ctx.global().args().toArray(String[]::new)));
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"version", "--version", "--version=raw", "--version=v9.9.9", "svc paths", "service paths", "svc paths dir",
            "svc paths -o json", "svc paths --output=shell", "svc paths -o=json", "svc paths log_dir -o table", "--log-level=error svc paths",
            "svc paths --log-level debug short_dir"})
    void fastPathPrintsWhatPicocliPrints(String line) throws Exception {
        String[] argv = line.split(" ");
        assertEquals(viaPicocli(argv), viaFastPath(argv), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"svc paths -h", "svc paths --help", "svc paths a b", "svc paths -x", "svc status extra", "version extra",
            "svc start", "ctl get cm -w", "ctl get --raw /api", "ctl get cm -h", "ctl describe cm", "svc paths -- dir", "svc paths -o"})
    void anythingElseGoesToPicocli(String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CliContext ctx = context(out, line.split(" "));
        assertTrue(FastPath.parse(ctx, ctx.global().args()).isEmpty(), line);
    }
}
