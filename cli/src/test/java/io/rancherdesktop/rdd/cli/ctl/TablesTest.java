package io.rancherdesktop.rdd.cli.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TablesTest {
    @Test
    void columnsArePaddedLikeGoTabwriter() {
        // width = widest cell + 3, at least 6; the last column is not padded
        assertEquals("NAME             DATA   AGE\na                1      5s\nlong-name-here   10     3m\n",
                Tables.render(List.of(List.of("NAME", "DATA", "AGE"), List.of("a", "1", "5s"), List.of("long-name-here", "10", "3m"))));
    }

    @Test
    void humanDurationMatchesApimachinery() {
        assertEquals("0s", Tables.humanDuration(Duration.ofMillis(-500)));
        assertEquals("<invalid>", Tables.humanDuration(Duration.ofSeconds(-5)));
        assertEquals("119s", Tables.humanDuration(Duration.ofSeconds(119)));
        assertEquals("2m", Tables.humanDuration(Duration.ofSeconds(120)));
        assertEquals("9m59s", Tables.humanDuration(Duration.ofSeconds(599)));
        assertEquals("179m", Tables.humanDuration(Duration.ofMinutes(179)));
        assertEquals("3h", Tables.humanDuration(Duration.ofHours(3)));
        assertEquals("7h59m", Tables.humanDuration(Duration.ofMinutes(479)));
        assertEquals("47h", Tables.humanDuration(Duration.ofHours(47)));
        assertEquals("2d", Tables.humanDuration(Duration.ofHours(48)));
        assertEquals("7d23h", Tables.humanDuration(Duration.ofHours(191)));
        assertEquals("729d", Tables.humanDuration(Duration.ofDays(729)));
        assertEquals("2y5d", Tables.humanDuration(Duration.ofDays(735)));
        assertEquals("8y", Tables.humanDuration(Duration.ofDays(365 * 8 + 2)));
    }

    @Test
    void compositeCellsPrintLikeGoPercentV() {
        assertEquals("map[a:1 b:[x y]]", Tables.cell(Map.of("b", List.of("x", "y"), "a", 1L), "string"));
        assertEquals("<none>", Tables.cell(null, "string"));
    }

    @Test
    void describeLabelsAreTitleCasedWithAcronyms() {
        assertEquals("Creation Timestamp", DescribeCommand.title("creationTimestamp"));
        assertEquals("UID", DescribeCommand.title("uid"));
        assertEquals("API Version", DescribeCommand.title("apiVersion"));
        assertEquals("Last Transition Time", DescribeCommand.title("lastTransitionTime"));
    }
}
