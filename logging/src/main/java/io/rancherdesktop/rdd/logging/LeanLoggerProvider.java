package io.rancherdesktop.rdd.logging;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * A lean SLF4J backend for the short-lived CLI process: the same logrus text/JSON lines on stderr as
 * {@link LogfmtLayout}, without logback's start-up (two service-loader scans over every jar on the class path and
 * a version check, about 30 ms of a 60 ms {@code rdd ctl get}). The long-running service keeps logback. Selected
 * through the {@code slf4j.provider} system property by the CLI's main, never registered as a service. The local
 * offset comes from {@link TimeZone} rather than {@code ZoneId.systemDefault()}, whose rules provider scans the
 * class path too.
 */
public final class LeanLoggerProvider implements SLF4JServiceProvider {
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();
    private final Factory factory = new Factory();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        factory.setLevel(LogLevel.parse(System.getProperty(LogbackSetup.LEVEL_PROPERTY, "warning")).orElse(LogLevel.WARN));
        factory.json = "json".equals(System.getProperty(LogbackSetup.FORMAT_PROPERTY));
    }

    /** All loggers share one level and one output (stderr). */
    public static final class Factory implements ILoggerFactory {
        private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
        private volatile int threshold = Level.WARN.toInt();
        private volatile boolean json;
        private final PrintStream err = System.err;

        public void setLevel(LogLevel level) {
            threshold = switch (level) {
                case FATAL, ERROR -> Level.ERROR.toInt();
                case WARN -> Level.WARN.toInt();
                case INFO -> Level.INFO.toInt();
                case DEBUG -> Level.DEBUG.toInt();
                case TRACE -> Level.TRACE.toInt();
            };
        }

        @Override
        public Logger getLogger(String name) {
            return loggers.computeIfAbsent(name, n -> new LeanLogger(n, this));
        }

        void write(Level level, Marker marker, String pattern, Object[] args, Throwable t) {
            String msg = MessageFormatter.basicArrayFormat(pattern, args);
            String levelName = marker != null && marker.contains(Markers.FATAL) ? "fatal" : switch (level) {
                case ERROR -> "error";
                case WARN -> "warning";
                case INFO -> "info";
                case DEBUG -> "debug";
                case TRACE -> "trace";
            };
            long now = System.currentTimeMillis();
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(TimeZone.getDefault().getOffset(now) / 1000);
            String time = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    OffsetDateTime.ofInstant(Instant.ofEpochMilli(now), offset).truncatedTo(ChronoUnit.SECONDS));
            StringBuilder sb = new StringBuilder(128);
            if (json) {
                sb.append("{\"level\":\"").append(levelName).append("\",\"msg\":");
                LogfmtLayout.quote(sb, msg);
                sb.append(",\"time\":\"").append(time).append("\"}\n");
            } else {
                sb.append("time=\"").append(time).append("\" level=").append(levelName).append(" msg=");
                LogfmtLayout.quote(sb, msg);
                if (t != null) {
                    sb.append(" error=");
                    LogfmtLayout.quote(sb, t.getClass().getName() + ": " + t.getMessage());
                }
                sb.append('\n');
                if (t != null && threshold <= Level.DEBUG.toInt()) {
                    StringWriter trace = new StringWriter();
                    t.printStackTrace(new PrintWriter(trace));
                    sb.append(trace).append('\n');
                }
            }
            synchronized (err) {
                err.print(sb);
                err.flush();
            }
        }
    }

    private static final class LeanLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        private final transient Factory factory;

        LeanLogger(String name, Factory factory) {
            this.name = name;
            this.factory = factory;
        }

        private boolean on(Level l) {
            return l.toInt() >= factory.threshold;
        }

        @Override
        public boolean isTraceEnabled() {
            return on(Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return on(Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return on(Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return on(Level.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return on(Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable t) {
            factory.write(level, marker, pattern, args, t);
        }
    }
}
