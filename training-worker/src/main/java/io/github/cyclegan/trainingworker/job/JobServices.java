package io.github.cyclegan.trainingworker.job;

import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.trainingworker.checkpoint.CheckpointStore;
import io.github.cyclegan.trainingworker.events.EventPublisher;
import io.github.cyclegan.trainingworker.ops.JobActivity;
import io.github.cyclegan.trainingworker.ops.TrainingMetrics;
import io.github.cyclegan.trainingworker.version.VersionPublisher;

/** What a running job talks to, bundled so the per-job listener takes one argument instead of eight. */
record JobServices(EventPublisher events, CheckpointStore checkpoints, VersionPublisher versions, ObjectStore store,
        TrainingMetrics metrics, JobActivity activity, JobControl control, int eventInterval) {
}
