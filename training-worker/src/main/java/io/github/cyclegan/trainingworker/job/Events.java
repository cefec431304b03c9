package io.github.cyclegan.trainingworker.job;

import java.util.Map;

import io.github.cyclegan.messaging.Message;
import io.github.cyclegan.messaging.TrainingEvent;
import io.github.cyclegan.messaging.TrainingJob;
import io.github.cyclegan.messaging.TrainingState;

/** Shorthands for the TrainingEvents of one job; fields that do not apply stay null (omitted on the wire). */
final class Events {

    private Events() {
    }

    static TrainingEvent state(TrainingJob job, TrainingState state) {
        return TrainingEvent.of(job.jobId(), job.model(), state);
    }

    static TrainingEvent progress(TrainingJob job, TrainingState state, Integer epoch, long iteration,
            long totalIterations, Map<String, Double> losses, String checkpoint, Long version, Double imagesPerSecond, Long etaSeconds,
            String sample) {
        return new TrainingEvent(Message.CURRENT_SCHEMA_VERSION, job.jobId(), job.model(), state, epoch, iteration,
                totalIterations, losses, checkpoint, version, imagesPerSecond, etaSeconds, sample, null, null);
    }
}
