package io.rancherdesktop.rdd.ui.tray;

import io.rancherdesktop.rdd.ui.model.MachineStatus;
import io.rancherdesktop.rdd.ui.model.TrayState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.AWTError;
import java.awt.AWTException;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The tray icon ({@link SystemTray}): its image and tooltip follow the machine and engine state; its menu has the
 * machine/engine status lines, Start/Stop machine, Open and Quit. AWT calls run on the AWT event thread, actions
 * are handed to the JavaFX thread. Where the desktop has no tray (headless, stock GNOME, no tray host on X11),
 * {@link #install} returns empty and logs one line; the window is then the whole UI.
 */
public final class DesktopTray implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DesktopTray.class);

    private final SystemTray tray;
    private final TrayIcon icon;
    private final MenuItem machineLine = new MenuItem();
    private final MenuItem engineLine = new MenuItem();
    private final MenuItem toggle = new MenuItem();
    private final Map<TrayState, BufferedImage> images = new EnumMap<>(TrayState.class);

    private DesktopTray(SystemTray tray, TrayIcon icon) {
        this.tray = tray;
        this.icon = icon;
    }

    /** Whether this desktop has a system tray we can use. Never throws. */
    public static boolean isAvailable() {
        try {
            return !GraphicsEnvironment.isHeadless() && SystemTray.isSupported();
        } catch (AWTError | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /**
     * Adds the tray icon, or returns empty (after one info line) when there is no tray.
     *
     * @param uiThread where actions run ({@code Platform::runLater})
     */
    public static Optional<DesktopTray> install(String title, MachineStatus initial, TrayActions actions, Executor uiThread) {
        if (!isAvailable()) {
            log.info("no system tray on this desktop; the window is the UI and closing it quits");
            return Optional.empty();
        }
        try {
            return Optional.of(onAwtThread(() -> create(title, initial, actions, uiThread)));
        } catch (RuntimeException e) {
            log.info("cannot add a tray icon ({}); the window is the UI and closing it quits", e.getMessage());
            return Optional.empty();
        }
    }

    private static DesktopTray create(String title, MachineStatus initial, TrayActions actions, Executor uiThread) {
        SystemTray tray = SystemTray.getSystemTray();
        int size = Math.max(16, Math.min(tray.getTrayIconSize().width, tray.getTrayIconSize().height));
        PopupMenu menu = new PopupMenu(title);
        TrayIcon icon = new TrayIcon(TrayIconPainter.paint(initial.trayState(), size), title, menu);
        icon.setImageAutoSize(true);
        DesktopTray t = new DesktopTray(tray, icon);
        for (TrayState s : TrayState.values()) {
            t.images.put(s, TrayIconPainter.paint(s, size));
        }
        t.machineLine.setEnabled(false);
        t.engineLine.setEnabled(false);
        t.toggle.addActionListener(e -> uiThread.execute(actions::toggleMachine));
        MenuItem open = new MenuItem("Open " + title);
        open.addActionListener(e -> uiThread.execute(actions::open));
        MenuItem settings = new MenuItem("Settings\u2026");
        settings.addActionListener(e -> uiThread.execute(actions::openSettings));
        MenuItem quit = new MenuItem("Quit");
        quit.addActionListener(e -> uiThread.execute(actions::quit));
        menu.add(t.machineLine);
        menu.add(t.engineLine);
        menu.addSeparator();
        menu.add(t.toggle);
        menu.add(open);
        menu.add(settings);
        menu.addSeparator();
        menu.add(quit);
        icon.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (e.getButton() == MouseEvent.BUTTON1) {
                    uiThread.execute(actions::open);
                }
            }
        });
        t.apply(initial);
        try {
            tray.add(icon);
        } catch (AWTException e) {
            throw new IllegalStateException("the system tray refused the icon: " + e.getMessage(), e);
        }
        return t;
    }

    /** Shows a new status; call from any thread. */
    public void show(MachineStatus status) {
        show(status, true);
    }

    /** Shows a new status, or that the service is unreachable (never the last known green); any thread. */
    public void show(MachineStatus status, boolean connected) {
        EventQueue.invokeLater(() -> apply(status, connected));
    }

    private void apply(MachineStatus status) {
        apply(status, true);
    }

    private void apply(MachineStatus status, boolean connected) {
        BufferedImage img = images.get(connected ? status.trayState() : TrayState.ERROR);
        if (img != null && icon.getImage() != img) {
            icon.setImage(img);
        }
        icon.setToolTip(tooltip(status, connected));
        machineLine.setLabel(connected ? status.machineLine() : "rdd service: unreachable — reconnecting…");
        engineLine.setLabel(connected ? status.engineLine() : "Engine: unknown");
        toggle.setLabel(status.offersStop() ? "Stop machine" : "Start machine");
        toggle.setEnabled(connected);
    }

    /**
     * The tooltip: one line, its parts separated by " · " (tray hosts show a tooltip's newline as nothing, which ran
     * the two lines together).
     */
    public static String tooltip(MachineStatus status, boolean connected) {
        return connected ? status.machineLine() + " · " + status.engineLine()
                : "rdd service unreachable — reconnecting…";
    }

    /** A balloon message (for errors while the window is hidden). */
    public void message(String caption, String text, boolean error) {
        EventQueue.invokeLater(() -> icon.displayMessage(caption, text, error ? TrayIcon.MessageType.ERROR : TrayIcon.MessageType.INFO));
    }

    /** The current menu labels, top to bottom (for tests and screenshots). */
    public String[] menuLabels() {
        return onAwtThread(() -> {
            PopupMenu m = icon.getPopupMenu();
            String[] labels = new String[m.getItemCount()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = m.getItem(i).getLabel();
            }
            return labels;
        });
    }

    @Override
    public void close() {
        try {
            onAwtThread(() -> {
                tray.remove(icon);
                return null;
            });
        } catch (RuntimeException e) {
            log.debug("removing the tray icon", e);
        }
    }

    private static <R> R onAwtThread(java.util.concurrent.Callable<R> body) {
        if (EventQueue.isDispatchThread()) {
            try {
                return body.call();
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        }
        java.util.concurrent.FutureTask<R> task = new java.util.concurrent.FutureTask<>(body);
        EventQueue.invokeLater(task);
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the AWT thread", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
