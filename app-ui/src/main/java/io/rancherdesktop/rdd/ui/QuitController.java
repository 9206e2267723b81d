package io.rancherdesktop.rdd.ui;

import io.rancherdesktop.rdd.ui.model.AppViewModel;
import io.rancherdesktop.rdd.ui.settings.GuiSettingsStore;
import io.rancherdesktop.rdd.ui.settings.QuitChoice;
import io.rancherdesktop.rdd.ui.view.settings.QuitDialog;
import javafx.animation.PauseTransition;
import javafx.beans.value.ChangeListener;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * What Quit does (docs/gui.md "Closing and quitting"). A GUI that attached to a running service only lets go of it.
 * A GUI that started the service stops it; when the machine runs, it first asks whether to stop the machine too —
 * unless a remembered choice ({@link GuiSettingsStore}, {@code quit=stop-machine|keep-running}) answers. JavaFX thread.
 */
public final class QuitController {
    private static final Logger log = LoggerFactory.getLogger(QuitController.class);

    /** What happens to the service and the machine. */
    public enum Plan {
        /** Attached: close the client; the service and the machine are another process's. */
        DETACH,
        /** This GUI's service stops; the machine keeps running (the next service adopts it) or was stopped already. */
        STOP_SERVICE,
        /** Stop the machine (App {@code spec.running=false}, waiting until it settles), then the service. */
        STOP_MACHINE_AND_SERVICE
    }

    private final boolean ownsService;
    private final AppViewModel app;
    private final GuiSettingsStore settings;
    private final Supplier<Optional<QuitDialog.Answer>> asker;
    private final Duration stopTimeout;

    /**
     * @param asker shows the question ({@link QuitDialog#ask}); empty = Cancel
     * @param stopTimeout how long Quit waits for the machine to stop before it quits anyway
     */
    public QuitController(boolean ownsService, AppViewModel app, GuiSettingsStore settings,
                          Supplier<Optional<QuitDialog.Answer>> asker, java.time.Duration stopTimeout) {
        this.ownsService = ownsService;
        this.app = app;
        this.settings = settings;
        this.asker = asker;
        this.stopTimeout = Duration.millis(stopTimeout.toMillis());
    }

    /** The plan, asking when needed; empty when the person cancelled. */
    public Optional<Plan> decide() {
        if (!ownsService) {
            return Optional.of(Plan.DETACH);
        }
        if (!app.status().wantRunning()) {
            return Optional.of(Plan.STOP_SERVICE);
        }
        QuitChoice choice = settings.get().quit();
        if (choice == QuitChoice.ASK) {
            Optional<QuitDialog.Answer> answer = asker.get();
            if (answer.isEmpty()) {
                return Optional.empty();
            }
            choice = answer.get().choice();
            if (answer.get().remember()) {
                settings.set(settings.get().withQuit(choice));
            }
        }
        return Optional.of(choice == QuitChoice.STOP_MACHINE ? Plan.STOP_MACHINE_AND_SERVICE : Plan.STOP_SERVICE);
    }

    /**
     * Carries out the machine part of {@code plan}, then runs {@code then} (on the JavaFX thread): at once, or once
     * the machine stop has settled or failed, or after the stop timeout.
     */
    public void carryOut(Plan plan, Runnable then) {
        if (plan != Plan.STOP_MACHINE_AND_SERVICE) {
            then.run();
            return;
        }
        log.info("quitting: stopping the machine first");
        new MachineStop(then).start();
    }

    /** Waits for the write of {@code spec.running=false} to settle or fail (the model stops being busy), or the timeout. */
    private final class MachineStop implements ChangeListener<Boolean> {
        private final Runnable then;
        private final PauseTransition timeout = new PauseTransition(stopTimeout);
        private boolean done;

        MachineStop(Runnable then) {
            this.then = then;
        }

        void start() {
            // The write makes the model busy until the App settles at its generation or reports a failure.
            app.setMachineRunning(false);
            app.busyProperty().addListener(this);
            timeout.setOnFinished(e -> {
                log.warn("quitting: the machine did not stop within {} s; the service stops anyway", (long) stopTimeout.toSeconds());
                finish();
            });
            timeout.play();
            if (!app.busyProperty().get()) {
                finish();
            }
        }

        @Override
        public void changed(javafx.beans.value.ObservableValue<? extends Boolean> obs, Boolean was, Boolean busy) {
            if (!busy) {
                finish();
            }
        }

        private void finish() {
            if (!done) {
                done = true;
                timeout.stop();
                app.busyProperty().removeListener(this);
                then.run();
            }
        }
    }
}
