package io.github.cyclegan.trainingworker.checkpoint;

/**
 * {@code job.json} in a checkpoint folder: which job wrote it and under which config, so that
 * only a redelivery or resubmission of that same job resumes from it.
 */
public record JobStamp(String jobId, String configHash) {
}
