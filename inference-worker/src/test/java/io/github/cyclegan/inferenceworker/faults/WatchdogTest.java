package io.github.cyclegan.inferenceworker.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The watchdog on a clock the test moves: no step is timed for real. */
class WatchdogTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final Watchdog watchdog = Watchdog.withClock(Duration.ofMinutes(5), now::get);

    @Test
    void aStepRunningLongerThanTheStallTimeoutIsAStall() {
        Watchdog.Activity fetch = watchdog.start("r-1", "fetch");
        advance(Duration.ofMinutes(5));
        assertThat(watchdog.stall()).as("exactly the timeout").isEmpty();

        advance(Duration.ofSeconds(1));
        assertThat(watchdog.stall()).hasValueSatisfying(stall -> {
            assertThat(stall.subject()).isEqualTo("r-1");
            assertThat(stall.step()).isEqualTo("fetch");
            assertThat(stall.running()).isEqualTo(Duration.ofMinutes(5).plusSeconds(1));
        });

        fetch.close();
        assertThat(watchdog.stall()).isEmpty();
        assertThat(watchdog.running()).isZero();
    }

    @Test
    void theOldestStepIsReportedAndShortStepsNeverAreHowEverManyThereAre() {
        Watchdog.Activity slow = watchdog.start("slow", "forward pass");
        for (int i = 0; i < 100; i++) {
            advance(Duration.ofSeconds(4));
            watchdog.start("quick-" + i, "encode").close();
        }
        assertThat(watchdog.stall()).hasValueSatisfying(stall -> assertThat(stall.subject()).isEqualTo("slow"));
        slow.close();
        assertThat(watchdog.stall()).isEmpty();
    }

    @Test
    void waitingIsNotAStep() {
        advance(Duration.ofHours(1));
        assertThat(watchdog.stall()).isEmpty();
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }
}
