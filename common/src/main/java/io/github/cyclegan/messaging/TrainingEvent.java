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
 * @param worker          the training worker that published it (its instance id, else host and process), so that an
 *                        operator sees where a job runs and where it moved
 */
public record TrainingEvent(int schemaVersion, String jobId, String model, TrainingState state, Integer epoch,
        Long iteration, Long totalIterations, Map<String, Double> losses, String checkpoint, Long version, Double imagesPerSecond,
        Long etaSeconds, String sample, String error, String worker, Instant timestamp) implements Message {

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

    /** This event as published by {@code id}. */
    public TrainingEvent withWorker(String id) {
        return new TrainingEvent(schemaVersion, jobId, model, state, epoch, iteration, totalIterations, losses,
                checkpoint, version, imagesPerSecond, etaSeconds, sample, error, id, timestamp);
    }

    /** An event with only the state set: ACCEPTED, RUNNING. */
    public static TrainingEvent of(String jobId, String model, TrainingState state) {
        return builder(jobId, model, state).build();
    }

    public static TrainingEvent failed(String jobId, String model, String error) {
        return builder(jobId, model, TrainingState.FAILED).error(error).build();
    }

    /** An event of one job in one state; fields left unset stay null (omitted on the wire). */
    public static Builder builder(String jobId, String model, TrainingState state) {
        return new Builder(jobId, model, state);
    }

    /** Names every optional field, so that no event is built from a row of positional nulls. */
    public static final class Builder {
        private final String jobId;
        private final String model;
        private final TrainingState state;
        private Integer epoch;
        private Long iteration;
        private Long totalIterations;
        private Map<String, Double> losses;
        private String checkpoint;
        private Long version;
        private Double imagesPerSecond;
        private Long etaSeconds;
        private String sample;
        private String error;
        private String worker;

        private Builder(String jobId, String model, TrainingState state) {
            this.jobId = jobId;
            this.model = model;
            this.state = state;
        }

        public Builder epoch(Integer value) {
            epoch = value;
            return this;
        }

        public Builder iteration(long value, long total) {
            iteration = value;
            totalIterations = total;
            return this;
        }

        public Builder losses(Map<String, Double> value) {
            losses = value;
            return this;
        }

        public Builder checkpoint(String uri) {
            checkpoint = uri;
            return this;
        }

        public Builder version(Long value) {
            version = value;
            return this;
        }

        public Builder throughput(double imagesPerSecondValue, long etaSecondsValue) {
            imagesPerSecond = imagesPerSecondValue;
            etaSeconds = etaSecondsValue;
            return this;
        }

        public Builder sample(String uri) {
            sample = uri;
            return this;
        }

        public Builder error(String message) {
            error = message;
            return this;
        }

        public Builder worker(String id) {
            worker = id;
            return this;
        }

        public TrainingEvent build() {
            return new TrainingEvent(CURRENT_SCHEMA_VERSION, jobId, model, state, epoch, iteration, totalIterations,
                    losses, checkpoint, version, imagesPerSecond, etaSeconds, sample, error, worker, null);
        }
    }

    @Override
    public String kafkaKey() {
        return jobId;
    }
}
