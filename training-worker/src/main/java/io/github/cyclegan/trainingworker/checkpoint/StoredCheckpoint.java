package io.github.cyclegan.trainingworker.checkpoint;

import java.util.Optional;

import io.github.cyclegan.training.CheckpointManifest;

/**
 * A complete checkpoint folder in the store.
 *
 * @param prefix    its key prefix, {@code models/{model}/checkpoints/{iteration}/}
 * @param uri       the same as an {@code s3://} URI
 * @param stamp     the job that wrote it
 * @param manifest  its files' sizes and SHA-256 when known: from writing it, or null when it was found in the store
 *                  (then {@link CheckpointStore#sha256} reads its {@code manifest.json})
 */
public record StoredCheckpoint(String prefix, String uri, JobStamp stamp, CheckpointManifest manifest) {

    public Optional<CheckpointManifest> knownManifest() {
        return Optional.ofNullable(manifest);
    }
}
