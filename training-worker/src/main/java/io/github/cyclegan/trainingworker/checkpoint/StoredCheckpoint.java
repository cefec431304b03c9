package io.github.cyclegan.trainingworker.checkpoint;

/**
 * A complete checkpoint folder in the store.
 *
 * @param prefix    its key prefix, {@code models/{model}/checkpoints/{iteration}/}
 * @param uri       the same as an {@code s3://} URI
 * @param stamp     the job that wrote it
 */
public record StoredCheckpoint(String prefix, String uri, JobStamp stamp) {
}
