package io.rancherdesktop.rdd.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.slf4j.event.KeyValuePair;

/**
 * The logrus text format of docs/design/upstream-cli.md §1: {@code time="<RFC3339>" level=<lvl> msg="<text>" [key=value…]}.
 * Scripts take the text out of {@code msg="…"}, so quotes and backslashes inside it are escaped.
 * An event carrying the {@link Markers#FATAL} marker prints {@code level=fatal}.
 */
public final class LogfmtLayout extends LayoutBase<ILoggingEvent> {
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private final ZoneId zone = ZoneId.systemDefault();
    private final boolean json;

    /** @param json one JSON object per line ({@code level}, {@code msg}, {@code time}) instead of text */
    public LogfmtLayout(boolean json) {
        this.json = json;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder sb = new StringBuilder(128);
        OffsetDateTime t = Instant.ofEpochMilli(event.getTimeStamp()).truncatedTo(ChronoUnit.SECONDS).atZone(zone).toOffsetDateTime();
        if (json) {
            sb.append("{\"level\":\"").append(levelName(event)).append("\",\"msg\":");
            quote(sb, event.getFormattedMessage());
            sb.append(",\"time\":\"").append(RFC3339.format(t)).append("\"}\n");
            return sb.toString();
        }
        sb.append("time=\"").append(RFC3339.format(t)).append("\" level=").append(levelName(event));
        sb.append(" msg=");
        quote(sb, event.getFormattedMessage());
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair kv : event.getKeyValuePairs()) {
                sb.append(' ').append(kv.key).append('=');
                appendValue(sb, String.valueOf(kv.value));
            }
        }
        IThrowableProxy tp = event.getThrowableProxy();
        if (tp != null) {
            sb.append(" error=");
            quote(sb, tp.getClassName() + ": " + tp.getMessage());
        }
        sb.append('\n');
        if (tp != null && event.getLevel().toInt() <= ch.qos.logback.classic.Level.DEBUG_INT) {
            sb.append(ThrowableProxyUtil.asString(tp)).append('\n');
        }
        return sb.toString();
    }

    private static String levelName(ILoggingEvent event) {
        if (event.getMarkerList() != null && event.getMarkerList().contains(Markers.FATAL)) {
            return "fatal";
        }
        return LogLevel.nameOf(event.getLevel());
    }

    private static void appendValue(StringBuilder sb, String v) {
        boolean plain = !v.isEmpty() && v.chars().allMatch(c -> c > ' ' && c != '"' && c != '=' && c != '\\' && c < 127);
        if (plain) {
            sb.append(v);
        } else {
            quote(sb, v);
        }
    }

    /** Appends {@code "v"} with Go %q-like escaping of quotes, backslashes and control characters. */
    static void quote(StringBuilder sb, String v) {
        sb.append('"');
        if (v != null) {
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\x%02x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
        }
        sb.append('"');
    }
}
