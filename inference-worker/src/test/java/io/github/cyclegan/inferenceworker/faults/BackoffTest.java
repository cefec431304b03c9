package io.github.cyclegan.inferenceworker.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void theCeilingDoublesUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.5);
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.ceiling(1_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void pausesAreSpreadOverTheirRange() {
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.0).pause(3)).isZero();
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.999).pause(3))
                .isBetween(Duration.ofMillis(3_990), Duration.ofSeconds(4));
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), () -> 0.0).halfJitteredPause(10))
                .isEqualTo(Duration.ofMillis(2_500));
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), () -> 0.5).halfJitteredPause(1))
                .isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
        Backoff backoff = new Backoff(Duration.ZERO, Duration.ZERO, () -> 0.3);
        assertThat(backoff.pause(4)).isZero();
        assertThatThrownBy(() -> backoff.ceiling(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
