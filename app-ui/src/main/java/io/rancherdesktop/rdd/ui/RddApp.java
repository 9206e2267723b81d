package io.rancherdesktop.rdd.ui;

import io.rancherdesktop.rdd.logging.LogbackSetup;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.ui.launch.LaunchOptions;
import io.rancherdesktop.rdd.ui.launch.ServiceConnection;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.rancherdesktop.rdd.ui.launch.ServiceConnector;
import javafx.application.Platform;
import javafx.stage.Stage;

import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code rdd-gui}: the tray-resident desktop app. Parses the command line, starts or attaches to the instance's
 * service, then runs {@link DesktopApp} until Quit.
 */
public final class RddApp {

    private RddApp() {
    }

    /**
     * fabric8 warns once per informer that {@code v1alpha1} is an unstable version; every rdd kind is v1alpha1, so the
     * warning says nothing to a user.
     */
    private static void quietClientWarnings() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            ctx.getLogger("io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils").setLevel(Level.ERROR);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(List.of(args), System.getenv());
        } catch (LaunchOptions.UsageException e) {
            System.err.println("rdd-gui: " + e.getMessage());
            System.err.print(LaunchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(LaunchOptions.USAGE);
            return;
        }
        LogbackSetup.setLevel(options.logLevel());
        quietClientWarnings();
        InstancePaths paths = InstancePaths.forInstance(options.instance());
        ServiceConnection connection;
        try {
            connection = new ServiceConnector(paths, ServiceConnector::serveOptions).connect();
        } catch (RuntimeException e) {
            System.err.println("rdd-gui: cannot reach or start the rdd service of \"" + options.instance().name() + "\": " + e.getMessage());
            System.exit(1);
            return;
        }
        // Ctrl+C or a logout must not leave an embedded service's engine behind.
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("rdd-ui-shutdown").unstarted(connection::close));

        CountDownLatch quit = new CountDownLatch(1);
        DesktopApp app = new DesktopApp(options.instance(), connection, true, quit::countDown,
                io.rancherdesktop.rdd.ui.settings.GuiSettingsStore.open(io.rancherdesktop.rdd.ui.settings.GuiSettingsStore.fileFor(paths)));
        Platform.startup(() -> app.start(new Stage(), options.hidden()));
        quit.await();
        Platform.exit();
        // AWT (tray) threads would keep the JVM alive.
        System.exit(0);
    }
}
