package io.rancherdesktop.rdd.vm;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adoption record in {@code <dir>/engine/process.json} (PID, start time and command line of the engine that
 * answers), and the search for engines of the instance that no driver runs ({@link Orphan}s): what a later service
 * run adopts or stops.
 */
final class EngineRecords {
    private static final Logger log = LoggerFactory.getLogger(EngineRecords.class);

    private final EngineLayout layout;
    private final ObjectMapper json = new ObjectMapper();

    EngineRecords(EngineLayout layout) {
        this.layout = layout;
    }

    /** A live engine process of this instance that this driver did not start. */
    record Orphan(ProcessHandle handle, EngineKind engine, List<String> arguments) {
        /** As an adopted child, to wait on or terminate. */
        EngineChild asChild(List<String> argv, EngineLayout layout) {
            return new EngineChild(handle, null, engine, argv, LogTail.size(layout.log(engine)), true);
        }
    }

    /** The adoption record in {@code <dir>/engine/process.json}. */
    record ProcessRecord(long pid, String startedAt, String engine, String socket, List<String> command) {
    }

    /** Candidates: the adoption record, then dockerd's own pid file (in case the record was lost). */
    List<Orphan> findOrphans() {
        Map<Long, Orphan> found = new LinkedHashMap<>();
        readRecord().ifPresent(rec -> {
            EngineKind engine;
            try {
                engine = EngineKind.parse(rec.engine());
            } catch (IllegalArgumentException e) {
                return;
            }
            ProcessHandle.of(rec.pid()).filter(ProcessHandle::isAlive)
                    .filter(ph -> sameStart(ph, rec.startedAt()))
                    .filter(ph -> commandLineNames(ph, layout.socket(engine)))
                    .ifPresent(ph -> found.put(ph.pid(), new Orphan(ph, engine, arguments(ph))));
        });
        readPid(layout.dockerPidFile()).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(ph -> commandLineNames(ph, layout.dockerSocket()))
                .ifPresent(ph -> found.putIfAbsent(ph.pid(), new Orphan(ph, EngineKind.MOBY, arguments(ph))));
        return new ArrayList<>(found.values());
    }

    private static boolean sameStart(ProcessHandle ph, String recorded) {
        Optional<Instant> start = ph.info().startInstant();
        if (start.isEmpty() || recorded == null) {
            return false;
        }
        try {
            // Guards against PID reuse; /proc start times are coarse, so allow a second.
            return Duration.between(Instant.parse(recorded), start.get()).abs().compareTo(Duration.ofSeconds(1)) <= 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean commandLineNames(ProcessHandle ph, Path socket) {
        return ph.info().commandLine().map(c -> c.contains(socket.toString())).orElse(false);
    }

    private static List<String> arguments(ProcessHandle ph) {
        return ph.info().arguments().map(List::of).orElse(List.of());
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Files.isRegularFile(pidFile) ? Optional.of(Long.parseLong(Files.readString(pidFile).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    void write(EngineChild child) {
        ProcessRecord rec = new ProcessRecord(child.handle.pid(),
                child.handle.info().startInstant().map(Instant::toString).orElse(null),
                child.engine.specValue(), layout.socket(child.engine).toString(), child.argv);
        try {
            Files.createDirectories(layout.stateFile().getParent());
            Path tmp = layout.stateFile().resolveSibling("process.json.tmp");
            Files.write(tmp, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(rec));
            Files.move(tmp, layout.stateFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot write {}: a service restart will not adopt the running engine", layout.stateFile(), e);
        }
    }

    private Optional<ProcessRecord> readRecord() {
        try {
            return Files.isRegularFile(layout.stateFile())
                    ? Optional.of(json.readValue(layout.stateFile().toFile(), ProcessRecord.class)) : Optional.empty();
        } catch (IOException e) {
            log.warn("ignoring unreadable {}: {}", layout.stateFile(), e.getMessage());
            return Optional.empty();
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(layout.stateFile());
        } catch (IOException e) {
            log.warn("cannot remove {}", layout.stateFile(), e);
        }
    }
}
