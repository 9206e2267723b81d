package io.rancherdesktop.rdd.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampsTest {
    @ParameterizedTest
    @CsvSource({"0,0s", "119,119s", "120,2m", "130,2m10s", "600,10m", "3599,59m", "10800,3h", "11000,3h3m", "28800,8h", "172800,2d",
            "180000,2d2h", "691200,8d", "63072000,2y", "63158400,2y1d", "283824000,9y"})
    void agesAreFormattedLikeKubectl(long seconds, String expected) {
        assertEquals(expected, Timestamps.age(Duration.ofSeconds(seconds)));
    }
}
