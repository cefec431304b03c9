package io.github.cyclegan.messaging;

import java.time.Instant;
import java.util.Map;

/**
 * Progress of a training job, published on {@link Topics#TRAINING_EVENTS} keyed by {@code jobId}
 * (so one job's events stay in order). Fields that do not apply to a state are null.
 *
 * @param totalIterations iterations the whole job takes, for progress bars (RUNNING, CHECKPOINTED, CANCELLED)
 * @param losses          latest loss terms by reference name ({@code D_A}, {@code G_A}, {@code cycle_A}, {@code idt_A}, ...)
 * @param checkpoint      {@code s3://} URI of the checkpoint written (CHECKPOINTED, COMPLETED, CANCELLED)
 * @param version         model version published by this job (COMPLETED, or CHECKPOINTED when configured)
 * @param imagesPerSecond training throughput over the last reporting interval
 * @param etaSeconds      estimated seconds to the end of the job
 * @param sample          {@code s3://} URI of the latest sample grid PNG
 * @param error           what went wrong (FAILED)
 */
public record TrainingEvent(int schemaVersion, String jobId, String model, TrainingState state, Integer epoch,
        Long iteration, Long totalIterations, Map<String, Double> losses, String checkpoint, Long version, Double imagesPerSecond,
        Long etaSeconds, String sample, String error, Instant timestamp) implements Message {

    private static final String NAME = "TrainingEvent";

    public TrainingEvent {
        schemaVersion = Message.schemaVersion(schemaVersion, NAME);
        Require.name(jobId, NAME, "jobId");
        Require.name(model, NAME, "model");
        Require.present(state, NAME, "state");
        Require.nonNegative(epoch, NAME, "epoch");
        if (iteration != null && iteration < 0) {
            throw new IllegalArgumentException(NAME + ".iteration must not be negative, got " + iteration);
        }
        Require.positive(totalIterations, NAME, "totalIterations");
        losses = Require.copy(losses);
        if (checkpoint != null) {
            Require.s3Uri(checkpoint, NAME, "checkpoint");
        }
        if (sample != null) {
            Require.s3Uri(sample, NAME, "sample");
        }
        Require.positive(version, NAME, "version");
        if (state == TrainingState.FAILED) {
            Require.text(error, NAME, "error (for state FAILED)");
        }
        timestamp = timestamp == null ? Instant.now() : timestamp;
    }

    /** An event with only the state set: ACCEPTED, RUNNING. */
    public static TrainingEvent of(String jobId, String model, TrainingState state) {
        return new TrainingEvent(CURRENT_SCHEMA_VERSION, jobId, model, state, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    public static TrainingEvent failed(String jobId, String model, String error) {
        return new TrainingEvent(CURRENT_SCHEMA_VERSION, jobId, model, TrainingState.FAILED, null, null, null, null, null,
                null, null, null, null, error, null);
    }

    @Override
    public String kafkaKey() {
        return jobId;
    }
}
