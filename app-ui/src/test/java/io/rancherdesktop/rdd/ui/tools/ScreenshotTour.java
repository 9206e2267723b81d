package io.rancherdesktop.rdd.ui.tools;

import io.rancherdesktop.rdd.ui.DesktopApp;
import io.rancherdesktop.rdd.ui.launch.ServiceConnection;
import io.rancherdesktop.rdd.ui.launch.ServiceConnector;
import io.rancherdesktop.rdd.ui.testing.DockerCli;
import io.rancherdesktop.rdd.ui.testing.Mirrors;
import io.rancherdesktop.rdd.ui.testing.TempHome;
import io.rancherdesktop.rdd.ui.tray.TrayIconPainter;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Takes the documentation screenshots (docs/screenshots): the main window on each tab, light theme, and the tray menu.
 * Runs the real app (service started in-process for a private home) on a real display with a tray host
 * ({@code app-ui/scripts/run-tool.sh ScreenshotTour docs/screenshots} sets up Xvfb and trayer). Where dockerd and the
 * docker CLI exist, the desktop is real ({@link EngineDesktop}); otherwise (or with {@code RDD_SCREENSHOT_DATA=demo})
 * it is {@link DemoData} written through the API.
 */
public final class ScreenshotTour {

    private ScreenshotTour() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        boolean realEngine = DockerCli.installed() && !"demo".equals(System.getenv("RDD_SCREENSHOT_DATA"));
        try (TempHome home = new TempHome("2")) {
            // With an engine: the product as it runs (controllers, process driver, docker CLI). Without: a demo
            // desktop written through the API, and no controllers so that nothing tries to start an engine.
            ServiceConnection connection = new ServiceConnector(home.paths(), p -> realEngine
                    ? ServiceConnector.serveOptions(p).withSecurePort(0)
                    : Mirrors.writtenByTheTest(ServiceConnector.serveOptions(p).withSecurePort(0).withControllers("*", java.util.List.of()))).connect();
            EngineDesktop engine = realEngine ? new EngineDesktop(connection.client(), home.paths()) : null;
            String terminatingImage;
            int containers;
            int images;
            if (engine != null) {
                engine.build(home.home());
                terminatingImage = "shop/tools:2.0";
                containers = 6;
                images = 5;
            } else {
                DemoData demo = new DemoData(connection.client());
                demo.desktop();
                demo.inUseImageTerminating("rdd-test/busybox:latest", "3f9c2a1b7d4e");
                terminatingImage = "rdd-test/busybox:latest";
                containers = 5;
                images = 6;
            }
            CountDownLatch quit = new CountDownLatch(1);
            DesktopApp app = new DesktopApp(home.paths().instance(), connection, true, quit::countDown);
            Platform.startup(() -> {
                Stage stage = new Stage();
                app.start(stage, false);
                stage.setX(40);
                stage.setY(60);
                stage.setWidth(1024);
                stage.setHeight(700);
            });
            waitFor("all rows", () -> app.session().containers().size() == containers && app.session().images().size() == images
                    && app.session().volumes().size() == 4 && app.session().app().status().configured());

            shoot(app, 0, "containers", "web", out.resolve("main-containers.png"));
            shoot(app, 1, "images", terminatingImage, out.resolve("main-images.png"));
            shoot(app, 2, "volumes", "pgdata", out.resolve("main-volumes.png"));
            inUseDeleteDialog(app, out.resolve("delete-in-use.png"));
            lostConnection(app, out.resolve("lost-connection.png"));
            // The same window in the dark theme (RDD_GUI_THEME=dark, or a desktop that prefers dark).
            onFx(() -> {
                io.rancherdesktop.rdd.ui.view.Theme.DARK.apply(app.stage().getScene());
                return null;
            });
            shoot(app, 0, "containers", "web", out.resolve("main-containers-dark.png"));
            shoot(app, 1, "images", terminatingImage, out.resolve("main-images-dark.png"));
            onFx(() -> {
                io.rancherdesktop.rdd.ui.view.Theme.LIGHT.apply(app.stage().getScene());
                return null;
            });

            if (app.tray().isPresent()) {
                trayMenu(out.resolve("tray-menu.png"));
            } else {
                System.err.println("screenshots: no system tray on this display; tray-menu.png not taken");
            }
            if (engine != null) {
                engine.close();
            }
            onFx(() -> {
                app.quit();
                return null;
            });
            quit.await(60, TimeUnit.SECONDS);
        }
        Platform.exit();
        System.exit(0);
    }

    /** Selects the tab and the row whose first text column reads {@code rowText}, then snapshots the window. */
    private static void shoot(DesktopApp app, int tab, String table, String rowText, Path file) throws Exception {
        onFx(() -> {
            app.session().window().tabs().getSelectionModel().select(tab);
            TableView<?> t = (TableView<?>) app.stage().getScene().lookup("#" + table + "-table");
            for (int i = 0; i < t.getItems().size(); i++) {
                Object row = t.getItems().get(i);
                if (row.toString().contains("/") && describe(row).contains(rowText)) {
                    t.getSelectionModel().clearAndSelect(i);
                    t.requestFocus();
                    break;
                }
            }
            return null;
        });
        // Two pulses: the details pane and the table lay out after the selection.
        onFx(() -> null);
        onFx(() -> null);
        BufferedImage image = onFx(() -> {
            WritableImage snap = app.stage().getScene().snapshot(null);
            return SwingFXUtils.fromFXImage(snap, null);
        });
        ImageIO.write(image, "png", file.toFile());
        System.err.println("screenshots: wrote " + file);
    }

    /** The delete dialog of the first image a container uses (not Terminating): it lists the users before confirming. */
    private static void inUseDeleteDialog(DesktopApp app, Path file) throws Exception {
        boolean opened = onFx(() -> {
            app.session().window().tabs().getSelectionModel().select(1);
            TableView<?> t = (TableView<?>) app.stage().getScene().lookup("#images-table");
            for (int i = 0; i < t.getItems().size(); i++) {
                var row = (io.rancherdesktop.rdd.ui.model.ResourceRow<?>) t.getItems().get(i);
                var image = (io.rancherdesktop.rdd.api.containers.v1alpha1.Image) row.object();
                if (!io.rancherdesktop.rdd.ui.model.ImageFacts.usedBy(image).isEmpty()
                        && !io.rancherdesktop.rdd.ui.model.MirrorFacts.isTerminating(image)) {
                    t.getSelectionModel().clearAndSelect(i);
                    app.session().imagesView().deleteSelected();
                    return true;
                }
            }
            return false;
        });
        if (!opened) {
            System.err.println("screenshots: no image in use; " + file.getFileName() + " not taken");
            return;
        }
        onFx(() -> null);
        onFx(() -> null);
        BufferedImage image = onFx(() -> {
            for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
                if (w.getScene() != null && w.getScene().lookup("#delete-confirmation") != null) {
                    BufferedImage shot = SwingFXUtils.fromFXImage(w.getScene().snapshot(null), null);
                    ((javafx.stage.Stage) w).close();
                    return shot;
                }
            }
            return null;
        });
        if (image != null) {
            ImageIO.write(image, "png", file.toFile());
            System.err.println("screenshots: wrote " + file);
        }
    }

    /**
     * The window as it shows a lost service connection. The tool's service runs in its own JVM and cannot be killed
     * without killing the tool, so the state is set as the connection monitor sets it, and the snapshot is taken in
     * the same pulse (GuiConnectionIT tests the real thing).
     */
    private static void lostConnection(DesktopApp app, Path file) throws Exception {
        BufferedImage image = onFx(() -> {
            app.session().window().tabs().getSelectionModel().select(0);
            app.session().state().setConnection(io.rancherdesktop.rdd.ui.feed.ConnectionState.lost("Connection refused"));
            app.stage().getScene().getRoot().applyCss();
            app.stage().getScene().getRoot().layout();
            BufferedImage shot = SwingFXUtils.fromFXImage(app.stage().getScene().snapshot(null), null);
            app.session().state().setConnection(io.rancherdesktop.rdd.ui.feed.ConnectionState.CONNECTED);
            return shot;
        });
        ImageIO.write(image, "png", file.toFile());
        System.err.println("screenshots: wrote " + file);
    }

    private static String describe(Object row) {
        var r = (io.rancherdesktop.rdd.ui.model.ResourceRow<?>) row;
        Object status = switch (r.object()) {
            case io.rancherdesktop.rdd.api.containers.v1alpha1.Container c -> c.getStatus().getName();
            case io.rancherdesktop.rdd.api.containers.v1alpha1.Image i -> i.getStatus().getRepoTag();
            case io.rancherdesktop.rdd.api.containers.v1alpha1.Volume v -> v.getStatus().getName();
            default -> "";
        };
        return String.valueOf(status);
    }

    /** Finds the tray icon on screen by its colour, right-clicks it and captures the menu that opens. */
    private static void trayMenu(Path file) throws Exception {
        Robot robot = new Robot();
        Rectangle screen = new Rectangle(Toolkit.getDefaultToolkit().getScreenSize());
        int running = TrayIconPainter.RUNNING.getRGB() & 0xffffff;
        int[] hit = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (hit == null && System.nanoTime() < deadline) {
            BufferedImage shot = robot.createScreenCapture(screen);
            hit = find(shot, running);
            if (hit == null) {
                robot.delay(200);
            }
        }
        if (hit == null) {
            System.err.println("screenshots: the running tray icon is not on screen; tray-menu.png not taken");
            return;
        }
        // Click the icon's lower edge so the menu opens below it and the icon stays visible.
        robot.mouseMove(hit[0], hit[1] + 8);
        robot.mousePress(InputEvent.BUTTON3_DOWN_MASK);
        robot.mouseRelease(InputEvent.BUTTON3_DOWN_MASK);
        robot.delay(800);
        robot.mouseMove(hit[0] - 60, hit[1] + 60);
        robot.delay(300);
        int x = Math.max(0, hit[0] - 320);
        Rectangle area = new Rectangle(x, 0, Math.min(screen.width - x, 360), 230);
        ImageIO.write(robot.createScreenCapture(area), "png", file.toFile());
        robot.keyPress(KeyEvent.VK_ESCAPE);
        robot.keyRelease(KeyEvent.VK_ESCAPE);
        System.err.println("screenshots: wrote " + file);
    }

    /** The centre of the pixels of this colour in the top band of the screen (where trayer sits), or null. */
    private static int[] find(BufferedImage shot, int rgb) {
        long sx = 0;
        long sy = 0;
        int n = 0;
        for (int y = 0; y < Math.min(64, shot.getHeight()); y++) {
            for (int x = 0; x < shot.getWidth(); x++) {
                if ((shot.getRGB(x, y) & 0xffffff) == rgb) {
                    sx += x;
                    sy += y;
                    n++;
                }
            }
        }
        return n < 20 ? null : new int[] {(int) (sx / n), (int) (sy / n)};
    }

    private static void waitFor(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!onFx(condition)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static <R> R onFx(Callable<R> body) throws Exception {
        FutureTask<R> task = new FutureTask<>(body);
        Platform.runLater(task);
        return task.get(30, TimeUnit.SECONDS);
    }
}
