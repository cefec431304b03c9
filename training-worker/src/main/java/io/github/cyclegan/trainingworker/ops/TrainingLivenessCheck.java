package io.github.cyclegan.trainingworker.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import io.github.cyclegan.trainingworker.config.WorkerConfig;

/**
 * DOWN when the running job has shown no progress for longer than {@code cyclegan.training.stall-timeout}:
 * no iteration finished, no phase change (downloading, loading, checkpointing, publishing) and no
 * dataset file downloaded. A stuck job (a hung storage call, a deadlock) then gets its pod restarted,
 * and the job is redelivered and resumes from its last checkpoint. An idle worker is UP. The data
 * says what the job is doing and since when.
 */
@Liveness
@ApplicationScoped
public class TrainingLivenessCheck implements HealthCheck {

    private final JobActivity activity;
    private final Duration stallTimeout;

    @Inject
    public TrainingLivenessCheck(JobActivity activity, WorkerConfig config) {
        this(activity, config.stallTimeout());
    }

    public TrainingLivenessCheck(JobActivity activity, Duration stallTimeout) {
        if (stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("cyclegan.training.stall-timeout must be positive, not " + stallTimeout);
        }
        this.activity = activity;
        this.stallTimeout = stallTimeout;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("training")
                .withData("stallTimeout", stallTimeout.toString());
        Optional<JobActivity.Snapshot> running = activity.current();
        if (running.isEmpty()) {
            return response.up().withData("job", "none").build();
        }
        JobActivity.Snapshot job = running.get();
        Instant now = activity.clock().instant();
        Duration quiet = job.quietFor(now);
        response.withData("job", job.jobId())
                .withData("phase", job.phase().label())
                .withData("phaseSince", job.phaseSince().toString())
                .withData("lastProgress", job.lastProgressAt().toString())
                .withData("secondsWithoutProgress", Math.max(0, quiet.toSeconds()));
        if (job.iteration() != null) {
            response.withData("iteration", job.iteration()).withData("lastIteration", job.lastIterationAt().toString());
        }
        return quiet.compareTo(stallTimeout) > 0 ? response.down().build() : response.up().build();
    }
}
