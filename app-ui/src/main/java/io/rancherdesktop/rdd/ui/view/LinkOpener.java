package io.rancherdesktop.rdd.ui.view;

import javafx.application.Application;
import javafx.application.HostServices;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.concurrent.Executor;

/** Opens a URL in the desktop's browser (a published port's link in the container details). */
@FunctionalInterface
public interface LinkOpener {

    /** Opens {@code url}; never blocks the caller. */
    void open(String url);

    /**
     * The desktop's browser: JavaFX {@link HostServices#showDocument} (xdg-open and friends on Linux), else
     * {@link java.awt.Desktop#browse}; on {@code background} (both start processes). A failure is logged.
     */
    static LinkOpener desktop(Executor background) {
        Logger log = LoggerFactory.getLogger(LinkOpener.class);
        // HostServices come from an Application; the app starts JavaFX with Platform.startup, so a bare one serves.
        HostServices hosts = new Application() {
            @Override
            public void start(Stage stage) {
            }
        }.getHostServices();
        return url -> background.execute(() -> {
            try {
                hosts.showDocument(url);
                log.info("opened {} in the browser", url);
            } catch (RuntimeException e) {
                try {
                    java.awt.Desktop.getDesktop().browse(URI.create(url));
                } catch (Exception | Error awt) {
                    log.warn("cannot open {} in a browser: {}; {}", url, e.getMessage(), awt.getMessage());
                }
            }
        });
    }
}
