package io.mproc.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({
            "0, PT0S",
            "500ms, PT0.5S",
            "30s, PT30S",
            "5m, PT5M",
            "2h, PT2H",
            "' 45s ', PT45S",
            "PT30S, PT30S",
            "pt1m30s, PT1M30S",
            "PT0S, PT0S",
            "P1D, PT24H",
    })
    void durationsAreUnitSuffixedOrIso8601(String text, Duration expected) {
        assertThat(ValueSyntax.duration(text)).contains(expected);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "30", "-5s", "-PT1S", "1.5s", "30S", "5 m", "1d", "PT", "1m30s",
            "99999999999999999999ms", "9999999999999999h"})
    void otherDurationsAreRejected(String text) {
        assertThat(ValueSyntax.duration(text)).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({
            "0, 0",
            "65536, 65536",
            "64k, 65536",
            "64K, 65536",
            "16m, 16777216",
            "1g, 1073741824",
            "2T, 2199023255552",
            "' 1m ', 1048576",
    })
    void sizesAreBytesWithAnOptionalBinarySuffix(String text, long expected) {
        assertThat(ValueSyntax.bytes(text)).contains(expected);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "m", "-1", "16mb", "1.5g", "16 m", "1p", "9999999999t", "99999999999999999999"})
    void otherSizesAreRejected(String text) {
        assertThat(ValueSyntax.bytes(text)).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({"4, 4", "' 7 ', 7", "-1, -1"})
    void integersAreDecimal(String text, int expected) {
        assertThat(ValueSyntax.integer(text)).contains(expected);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "four", "2.0", "0x10", "2147483648"})
    void otherIntegersAreRejected(String text) {
        assertThat(ValueSyntax.integer(text)).isEmpty();
    }

    @Test
    void durationsPrintInTheLargestExactUnit() {
        assertThat(ValueSyntax.formatDuration(Duration.ZERO)).isEqualTo("0");
        assertThat(ValueSyntax.formatDuration(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(ValueSyntax.formatDuration(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(ValueSyntax.formatDuration(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(ValueSyntax.formatDuration(Duration.ofHours(3))).isEqualTo("3h");
        assertThat(ValueSyntax.formatDuration(Duration.ofNanos(1500))).isEqualTo("PT0.0000015S");
        assertThat(ValueSyntax.formatDuration(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo("PT2562047788015215H30M7S");
    }

    @Test
    void sizesPrintInTheLargestExactUnit() {
        assertThat(ValueSyntax.formatBytes(0)).isEqualTo("0");
        assertThat(ValueSyntax.formatBytes(65_537)).isEqualTo("65537");
        assertThat(ValueSyntax.formatBytes(64 * 1024)).isEqualTo("64k");
        assertThat(ValueSyntax.formatBytes(16L << 20)).isEqualTo("16m");
        assertThat(ValueSyntax.formatBytes(1536L << 20)).isEqualTo("1536m");
        assertThat(ValueSyntax.formatBytes(1L << 30)).isEqualTo("1g");
        assertThat(ValueSyntax.formatBytes(3L << 40)).isEqualTo("3t");
    }
}
