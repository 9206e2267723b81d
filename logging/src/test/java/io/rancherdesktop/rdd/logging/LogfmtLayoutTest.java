package io.rancherdesktop.rdd.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LogfmtLayoutTest {
    private static final Pattern LINE = Pattern.compile(
            "^time=\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)\" level=(\\w+) msg=\"(.*)\"\n$");

    private static String layout(boolean json, Level level, String msg) {
        LoggerContext ctx = new LoggerContext();
        LoggingEvent e = new LoggingEvent(LogfmtLayoutTest.class.getName(), ctx.getLogger("t"), level, msg, null, null);
        return new LogfmtLayout(json).doLayout(e);
    }

    @Test
    void textLinesHaveTimeLevelAndQuotedMessage() {
        String line = layout(false, Level.INFO, "\"rancher-desktop-2\" control plane is ready");
        var m = LINE.matcher(line);
        assertTrue(m.matches(), line);
        assertEquals("info", m.group(2));
        assertEquals("\\\"rancher-desktop-2\\\" control plane is ready", m.group(3));
    }

    @Test
    void levelsUseLogrusNames() {
        assertTrue(layout(false, Level.WARN, "x").contains(" level=warning "));
        assertTrue(layout(false, Level.ERROR, "x").contains(" level=error "));
        assertTrue(layout(false, Level.DEBUG, "x").contains(" level=debug "));
        assertTrue(layout(false, Level.TRACE, "x").contains(" level=trace "));
    }

    @Test
    void jsonLinesHaveLevelMsgAndTime() {
        String line = layout(true, Level.INFO, "a \"b\"");
        assertTrue(line.matches("^\\{\"level\":\"info\",\"msg\":\"a \\\\\"b\\\\\"\",\"time\":\"[^\"]+\"}\n$"), line);
    }

    @Test
    void newlinesInMessagesStayOnOneLine() {
        String line = layout(false, Level.INFO, "a\nb");
        assertEquals(1, line.lines().count());
    }
}
