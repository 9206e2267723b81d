package io.rancherdesktop.rdd.vm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adoption for the {@link ProcessDriver}: a later driver for the instance (the service restarted) adopts the engine
 * an earlier one left running if it is alive, is the same process (start time), runs the same command line and
 * answers a ping, so there is never a second engine; otherwise it stops it and a fresh one is started.
 */
final class EngineAdoption {
    /** How long an engine found running from an earlier service run gets to answer before it is replaced. */
    private static final Duration ADOPTION_GRACE = Duration.ofSeconds(20);
    private static final Logger log = LoggerFactory.getLogger(EngineAdoption.class);

    private final EngineLayout layout;
    private final EngineRecords records;
    private final EngineLauncher launcher;
    private final EngineStopper stopper;

    EngineAdoption(EngineLayout layout, EngineRecords records, EngineLauncher launcher, EngineStopper stopper) {
        this.layout = layout;
        this.records = records;
        this.launcher = launcher;
        this.stopper = stopper;
    }

    /**
     * Looks for an engine of this instance left running by an earlier driver (service run). Adopts it when it runs
     * exactly {@code command} and answers; stops it otherwise. Returns the adopted child or null.
     */
    EngineChild adoptOrReplace(EngineConfig cfg, EngineCommand command, BooleanSupplier cancelled) throws VmException {
        for (EngineRecords.Orphan o : records.findOrphans()) {
            boolean same = o.engine() == cfg.engine() && endsWith(o.arguments(), command.flags());
            if (same) {
                EngineChild child = o.asChild(command.argv(), layout);
                EngineLauncher.Readiness r = EngineLauncher.awaitReady(child, launcher.probe(cfg),
                        Instant.now().plus(min(ADOPTION_GRACE, cfg.startTimeout())), cancelled);
                switch (r.outcome()) {
                    case READY -> {
                        log.info("adopting the running {} (pid {}) of an earlier service run", cfg.engine().daemon(), o.handle().pid());
                        return child;
                    }
                    case CANCELLED -> throw new VmException(VmReason.START_FAILED, "start was cancelled by a stop");
                    case EXITED -> log.info("the {} of an earlier service run (pid {}) exited", o.engine().daemon(), o.handle().pid());
                    case TIMED_OUT -> {
                        log.warn("replacing the {} of an earlier service run (pid {}): it does not answer ({})",
                                o.engine().daemon(), o.handle().pid(), r.lastError());
                        stopper.stopOrphan(o);
                    }
                }
            } else {
                log.info("replacing the {} of an earlier service run (pid {}): it runs another configuration",
                        o.engine().daemon(), o.handle().pid());
                stopper.stopOrphan(o);
            }
        }
        return null;
    }

    /**
     * Stops an engine of this instance that no driver runs: one a stopped service left running for the next service
     * run to adopt. For {@code svc delete}, which removes the instance: an engine left behind would run on, with its
     * data dirs gone, until the machine reboots. Returns how many engine processes it stopped.
     */
    int stopLeftoverEngine() throws VmException {
        List<EngineRecords.Orphan> orphans = records.findOrphans();
        for (EngineRecords.Orphan o : orphans) {
            log.info("stopping the {} (pid {}) the instance's last service run left running", o.engine().daemon(), o.handle().pid());
            stopper.stopOrphan(o);
        }
        records.delete();
        return orphans.size();
    }

    private static boolean endsWith(List<String> all, List<String> tail) {
        return all.size() >= tail.size() && all.subList(all.size() - tail.size(), all.size()).equals(tail);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
