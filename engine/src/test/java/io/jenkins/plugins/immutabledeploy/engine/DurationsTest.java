package io.jenkins.plugins.immutabledeploy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({
        "30s, PT30S",
        "5m, PT5M",
        "1h30m, PT1H30M",
        "500ms, PT0.5S",
        "2d, PT48H",
        "90, PT1M30S",
        "' 1M ', PT1M",
        "PT5M, PT5M",
        "pt1h, PT1H",
        "1h0m5s, PT1H5S"
    })
    void parsesTheFormsUsersWrite(String text, String iso) {
        assertThat(Durations.parse("timeout", text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5 minutes", "1h 30m", "m5", "-5s", "PT-5M", "1.5h", "s", "5x"})
    void rejectsOtherTextNamingTheFieldAndTheAcceptedForms(String text) {
        assertThatThrownBy(() -> Durations.parse("gracePeriod", text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gracePeriod: '" + text
                        + "' is not a duration; use a number and a unit (ms, s, m, h, d), e.g. 30s, 5m or 1h30m");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void aMissingDurationSaysOneIsRequired(String text) {
        assertThatThrownBy(() -> Durations.parse("timeout", text))
                .hasMessage("timeout: a duration is required, e.g. 30s, 5m or 1h30m");
        assertThatThrownBy(() -> Durations.parse("timeout", null))
                .hasMessage("timeout: a duration is required, e.g. 30s, 5m or 1h30m");
    }

    @ParameterizedTest
    @CsvSource({"PT0S, 0s", "PT0.25S, 250ms", "PT30S, 30s", "PT1M30S, 1m30s", "PT1H, 1h", "PT1H0M5S, 1h5s",
        "PT49H, 49h"})
    void formatsCompactly(String iso, String text) {
        assertThat(Durations.format(Duration.parse(iso))).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"30s", "1m30s", "2h5m7s", "250ms"})
    void formattingAndParsingRoundTrip(String text) {
        assertThat(Durations.format(Durations.parse("x", text))).isEqualTo(text);
    }
}
