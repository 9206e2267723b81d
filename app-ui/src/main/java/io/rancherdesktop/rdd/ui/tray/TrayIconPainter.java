package io.rancherdesktop.rdd.ui.tray;

import io.rancherdesktop.rdd.ui.model.TrayState;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/**
 * Draws the tray icon for a state: a coloured disc (green running, amber starting/stopping, grey stopped, red
 * error) with a white glyph, so the state reads without colour too (a check, an arc, a square, an exclamation).
 */
public final class TrayIconPainter {
    public static final Color RUNNING = new Color(0x2e7d32);
    public static final Color STARTING = new Color(0xf9a825);
    public static final Color STOPPED = new Color(0x757575);
    public static final Color ERROR = new Color(0xc62828);

    private TrayIconPainter() {
    }

    public static Color colorOf(TrayState state) {
        return switch (state) {
            case RUNNING -> RUNNING;
            case STARTING -> STARTING;
            case STOPPED -> STOPPED;
            case ERROR -> ERROR;
        };
    }

    public static BufferedImage paint(TrayState state, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            double s = size;
            double pad = s * 0.06;
            g.setColor(colorOf(state));
            g.fill(new Ellipse2D.Double(pad, pad, s - 2 * pad, s - 2 * pad));
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke((float) Math.max(1.5, s * 0.12), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            switch (state) {
                case RUNNING -> {
                    g.draw(new Line2D.Double(s * 0.28, s * 0.52, s * 0.44, s * 0.68));
                    g.draw(new Line2D.Double(s * 0.44, s * 0.68, s * 0.73, s * 0.34));
                }
                case STARTING -> g.draw(new Arc2D.Double(s * 0.28, s * 0.28, s * 0.44, s * 0.44, 90, 270, Arc2D.OPEN));
                case STOPPED -> g.fill(new RoundRectangle2D.Double(s * 0.32, s * 0.32, s * 0.36, s * 0.36, s * 0.08, s * 0.08));
                case ERROR -> {
                    g.draw(new Line2D.Double(s * 0.5, s * 0.25, s * 0.5, s * 0.56));
                    g.fill(new Ellipse2D.Double(s * 0.43, s * 0.66, s * 0.14, s * 0.14));
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }
}
