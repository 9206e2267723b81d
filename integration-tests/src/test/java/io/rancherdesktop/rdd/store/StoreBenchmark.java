package io.rancherdesktop.rdd.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.testing.BenchReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Store write throughput against its floor (docs/benchmarks.md, "Store"): the floor is bare sqlite-jdbc with the store's
 * settings (WAL, synchronous=FULL), one row per transaction from one thread, i.e. one fsync per write; then the
 * {@link ObjectStore} with 1, 8 and 32 concurrent writers, where group commit lets concurrent writers share an fsync.
 * Not a test: run by {@code scripts/bench/store.sh}. Arguments: {@code [--writes N] [--runs N] [--out FILE] [--results FILE]}.
 */
public final class StoreBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int[] WRITERS = {1, 8, 32};

    private StoreBenchmark() {
    }

    private record Figure(double writesPerSecond, double writesPerCommit) {
    }

    public static void main(String[] argv) throws Exception {
        int writes = 2000;
        int runs = 3;
        Path out = null;
        Path results = null;
        for (int i = 0; i + 1 < argv.length; i += 2) {
            switch (argv[i]) {
                case "--writes" -> writes = Integer.parseInt(argv[i + 1]);
                case "--runs" -> runs = Integer.parseInt(argv[i + 1]);
                case "--out" -> out = Path.of(argv[i + 1]);
                case "--results" -> results = Path.of(argv[i + 1]);
                default -> throw new IllegalArgumentException("usage: StoreBenchmark [--writes N] [--runs N] [--out FILE] [--results FILE]");
            }
        }
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("rdd.bench.dir", "target")).toAbsolutePath(), "store-bench-");
        try {
            List<Double> floor = new ArrayList<>();
            List<List<Figure>> store = new ArrayList<>();
            for (int w = 0; w < WRITERS.length; w++) {
                store.add(new ArrayList<>());
            }
            floorRun(dir, 200); // warm-up
            storeRun(dir, 8, 200);
            for (int r = 0; r < runs; r++) { // interleaved, so every variant sees the same machine
                floor.add(floorRun(dir, writes));
                for (int w = 0; w < WRITERS.length; w++) {
                    store.get(w).add(storeRun(dir, WRITERS[w], writes));
                }
            }
            double f = median(floor);
            Figure[] s = new Figure[WRITERS.length];
            for (int w = 0; w < WRITERS.length; w++) {
                List<Figure> xs = new ArrayList<>(store.get(w));
                xs.sort(Comparator.comparingDouble(Figure::writesPerSecond));
                s[w] = xs.get(xs.size() / 2);
            }
            String section = report(writes, runs, f, s);
            System.out.println(section);
            if (out != null) {
                BenchReport.writeSection(out, "## Store", section);
            }
            if (results != null) {
                String floorText = "bare sqlite-jdbc, one write per transaction (one fsync each)";
                new BenchReport()
                        .result("store.single_writer.ratio_to_floor", f / s[0].writesPerSecond(), "x", "", floorText)
                        .result("store.8_writers.speedup_over_single", s[1].writesPerSecond() / s[0].writesPerSecond(), "x", "", "1 writer")
                        .result("store.32_writers.speedup_over_single", s[2].writesPerSecond() / s[0].writesPerSecond(), "x", "", "1 writer")
                        .result("store.32_writers.writes_per_commit", s[2].writesPerCommit(), "", "", "")
                        .writeResults(results);
            }
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Writes per second of bare sqlite-jdbc, one INSERT per committed transaction. */
    private static double floorRun(Path dir, int writes) throws SQLException, IOException {
        Path db = Files.createTempFile(dir, "floor-", ".sqlite3");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=FULL");
                st.execute("CREATE TABLE objects (resource TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL, rv INTEGER NOT NULL,"
                        + " data BLOB NOT NULL, PRIMARY KEY (resource, namespace, name)) WITHOUT ROWID");
            }
            c.setAutoCommit(false);
            byte[] data = JSON.writeValueAsBytes(object("x"));
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO objects VALUES ('configmaps', 'default', ?, ?, ?)")) {
                long t0 = System.nanoTime();
                for (int i = 0; i < writes; i++) {
                    insert.setString(1, "cm-" + i);
                    insert.setLong(2, i + 1);
                    insert.setBytes(3, data);
                    insert.executeUpdate();
                    c.commit();
                }
                return writes / ((System.nanoTime() - t0) / 1e9);
            }
        }
    }

    /** Writes per second (and per commit) of the ObjectStore with {@code writers} concurrent writers. */
    private static Figure storeRun(Path dir, int writers, int writes) throws Exception {
        Path db = Files.createTempFile(dir, "store-", ".sqlite3");
        Files.delete(db);
        try (ObjectStore store = ObjectStore.open(db, ObjectStore.Options.DEFAULT, JSON);
             ExecutorService pool = Executors.newFixedThreadPool(writers, Thread.ofVirtual().factory())) {
            long[] before = store.commitCounts();
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int id = w;
                done.add(pool.submit(() -> {
                    for (int i = id; i < writes; i += writers) {
                        store.create("configmaps", new ObjectKey("default", "cm-" + i), object("cm-" + i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long[] after = store.commitCounts();
            return new Figure(writes / seconds, (double) (after[1] - before[1]) / Math.max(1, after[0] - before[0]));
        }
    }

    private static ObjectNode object(String name) {
        ObjectNode o = JSON.createObjectNode();
        o.put("apiVersion", "v1").put("kind", "ConfigMap");
        o.putObject("metadata").put("name", name).put("namespace", "default").put("uid", "6a0c2b8e-1f1e-4d3b-9f57-1c1d2a0e5b44");
        o.putObject("data").put("key", "a value of about the size of a small ConfigMap entry");
        return o;
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static String report(int writes, int runs, double floor, Figure[] s) {
        StringBuilder b = new StringBuilder();
        b.append("## Store\n\n");
        b.append(String.format(Locale.ROOT, "Measured %s on %d CPUs (shared), JDK %s, the store's SQLite settings (WAL, `synchronous=FULL`) on the"
                + " repository's file system. %d creates of a small ConfigMap per variant, median of %d interleaved runs after a warm-up.%n%n",
                BenchReport.today(), Runtime.getRuntime().availableProcessors(), Runtime.version(), writes, runs));
        b.append("| variant | writes/s | writes per commit |\n|---|---|---|\n");
        b.append(String.format(Locale.ROOT, "| floor: bare sqlite-jdbc, one write per transaction (one fsync each), 1 thread | %.0f | 1 |%n", floor));
        for (int w = 0; w < WRITERS.length; w++) {
            b.append(String.format(Locale.ROOT, "| `ObjectStore`, %d concurrent writer%s | %.0f | %.1f |%n", WRITERS[w], WRITERS[w] == 1 ? "" : "s",
                    s[w].writesPerSecond(), s[w].writesPerCommit()));
        }
        b.append(String.format(Locale.ROOT, "%nReading: one writer runs at %.2f× the fsync floor (the store adds serialisation, the in-memory copy"
                + " and the watch history to each write); concurrent writers share commits (group commit, docs/api-server.md), so 8"
                + " writers reach %.1f× and 32 writers %.1f× the single-writer rate. Every write is still durable before it returns.%n%n",
                s[0].writesPerSecond() / floor, s[1].writesPerSecond() / s[0].writesPerSecond(), s[2].writesPerSecond() / s[0].writesPerSecond()));
        b.append("Reproduce: `scripts/bench/store.sh` (options: `--writes N --runs N`).\n");
        return b.toString();
    }
}
