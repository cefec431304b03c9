package io.github.cyclegan.trainingworker.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import io.github.cyclegan.trainingworker.ops.JobActivity.Phase;

/** The liveness check on a clock the test moves by hand: no sleeps, no dependence on how fast the machine is. */
class TrainingLivenessCheckTest {

    private static final Duration BOUND = Duration.ofMinutes(15);
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final JobActivity activity = new JobActivity(clock);
    private final TrainingLivenessCheck check = new TrainingLivenessCheck(activity, BOUND);

    @Test
    void anIdleWorkerIsLiveHoweverLongItWaits() {
        clock.advance(Duration.ofDays(3));
        HealthCheckResponse response = check.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(response)).containsEntry("job", "none").containsEntry("stallTimeout", "PT15M");
    }

    @Test
    void aJobThatStopsIteratingTurnsDownOnceTheBoundHasPassed() {
        activity.started("job-1");
        activity.phase(Phase.TRAINING);
        clock.advance(Duration.ofSeconds(20));
        activity.iteration(1);
        clock.advance(BOUND);
        assertThat(check.call().getStatus()).as("exactly the bound without progress").isEqualTo(HealthCheckResponse.Status.UP);
        clock.advance(Duration.ofSeconds(1));
        HealthCheckResponse response = check.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(data(response)).containsEntry("job", "job-1").containsEntry("phase", "training")
                .containsEntry("phaseSince", "2026-11-30T10:00:00Z").containsEntry("iteration", 1L)
                .containsEntry("lastIteration", "2026-11-30T10:00:20Z").containsEntry("lastProgress", "2026-11-30T10:00:20Z")
                .containsEntry("secondsWithoutProgress", 901L);
    }

    @Test
    void slowIterationsKeepTheJobLive() {
        activity.started("job-1");
        activity.phase(Phase.TRAINING);
        for (int i = 1; i <= 100; i++) {
            clock.advance(BOUND.minusSeconds(1));
            activity.iteration(i);
            assertThat(check.call().getStatus()).as("after iteration %d", i).isEqualTo(HealthCheckResponse.Status.UP);
        }
        assertThat(data(check.call())).containsEntry("iteration", 100L).containsEntry("phaseSince", "2026-11-30T10:00:00Z");
    }

    @Test
    void aPhaseChangeCountsAsProgressAndTheBoundCountsFromIt() {
        activity.started("job-1");
        activity.phase(Phase.TRAINING);
        activity.iteration(5000);
        clock.advance(Duration.ofMinutes(14));
        activity.phase(Phase.CHECKPOINTING);
        Instant checkpointStart = clock.instant();
        clock.advance(Duration.ofMinutes(14));
        HealthCheckResponse writing = check.call();
        assertThat(writing.getStatus()).as("28 minutes after the last iteration, 14 into the checkpoint")
                .isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(writing)).containsEntry("phase", "writing checkpoint")
                .containsEntry("phaseSince", checkpointStart.toString()).containsEntry("iteration", 5000L);
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(check.call().getStatus()).as("a checkpoint write hung for longer than the bound")
                .isEqualTo(HealthCheckResponse.Status.DOWN);
        activity.phase(Phase.TRAINING);
        assertThat(check.call().getStatus()).as("back to training").isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void eachDownloadedFileCountsAsProgress() {
        activity.started("job-1");
        activity.phase(Phase.DOWNLOADING);
        for (int file = 0; file < 10; file++) {
            clock.advance(Duration.ofMinutes(10));
            activity.heartbeat();
        }
        HealthCheckResponse response = check.call();
        assertThat(response.getStatus()).as("100 minutes of download, a file every 10").isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(response)).containsEntry("phase", "downloading datasets")
                .containsEntry("phaseSince", "2026-11-30T10:00:00Z").doesNotContainKey("iteration");
        clock.advance(BOUND.plusSeconds(1));
        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    @Test
    void aStalledJobThatEndsLeavesTheWorkerLive() {
        activity.started("job-1");
        clock.advance(BOUND.multipliedBy(2));
        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        activity.finished();
        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        activity.started("job-2");
        HealthCheckResponse next = check.call();
        assertThat(next.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(next)).containsEntry("job", "job-2").containsEntry("phase", "starting");
    }

    @Test
    void refusesABoundThatIsNotPositive() {
        assertThatThrownBy(() -> new TrainingLivenessCheck(activity, Duration.ZERO))
                .hasMessageContaining("cyclegan.training.stall-timeout");
    }

    private static Map<String, Object> data(HealthCheckResponse response) {
        return response.getData().orElseThrow();
    }

    /** A clock that stands still until the test moves it. */
    private static final class ManualClock extends Clock {
        private Instant now;

        ManualClock(Instant start) {
            now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
