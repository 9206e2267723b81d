package io.rancherdesktop.rdd.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.LoggerFactory;

/**
 * Programmatic logback configuration (no XML parsing on the CLI's start-up path): one stderr appender
 * in the logrus text format, at the level chosen by the command line ({@link #LEVEL_PROPERTY}).
 * Registered through {@code META-INF/services/ch.qos.logback.classic.spi.Configurator}.
 */
public final class LogbackSetup extends ContextAwareBase implements Configurator {
    /** System property holding the logrus level name; set by the CLI before the first logger exists. */
    public static final String LEVEL_PROPERTY = "rdd.log.level";
    /** System property holding the log format, {@code text} (default) or {@code json}. */
    public static final String FORMAT_PROPERTY = "rdd.log.format";

    @Override
    public ExecutionStatus configure(LoggerContext ctx) {
        LogfmtLayout layout = new LogfmtLayout("json".equals(System.getProperty(FORMAT_PROPERTY)));
        layout.setContext(ctx);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(ctx);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(ctx);
        stderr.setName("stderr");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(stderr);
        String level = System.getProperty(LEVEL_PROPERTY, "warning");
        root.setLevel(LogLevel.parse(level).orElse(LogLevel.WARN).logbackLevel());
        // Third-party libraries are chatty at debug; keep them one notch down unless tracing.
        if (root.getLevel().toInt() > ch.qos.logback.classic.Level.TRACE_INT) {
            for (String noisy : new String[] {"org.eclipse.jetty", "io.fabric8", "com.github.dockerjava", "org.apache.hc", "io.javaoperatorsdk"}) {
                ctx.getLogger(noisy).setLevel(ch.qos.logback.classic.Level.INFO);
            }
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Changes the root level at run time (e.g. after parsing {@code --log-level}). */
    public static void setLevel(LogLevel level) {
        System.setProperty(LEVEL_PROPERTY, level.logrusName());
        // instanceof, not a type switch: a pattern switch spins a class at first use (CLI start-up).
        var factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext ctx) {
            ctx.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(level.logbackLevel());
        } else if (factory instanceof LeanLoggerProvider.Factory lean) {
            lean.setLevel(level);
        }
    }
}
