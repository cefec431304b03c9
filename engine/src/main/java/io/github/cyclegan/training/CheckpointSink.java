package io.github.cyclegan.training;

import java.io.IOException;

/**
 * Where {@link TrainingCheckpoint#writeTo} puts a checkpoint's files, one at a time and in order. Each file is
 * serialised from the live training state while the sink reads it, so that a checkpoint never sits on the heap whole.
 */
@FunctionalInterface
public interface CheckpointSink {

    /**
     * Stores one file completely before returning; read its content with {@link CheckpointFile#open()}, as often as
     * needed, during this call only.
     */
    void write(CheckpointFile file) throws IOException;
}
