package io.github.cyclegan.training;

import java.io.IOException;
import java.io.InputStream;

/** Where a stored checkpoint's files are read back from, one at a time, to resume a run ({@link CycleGanTrainer#resume}). */
@FunctionalInterface
public interface CheckpointSource {

    /**
     * Opens one file of the checkpoint; the caller closes the stream.
     *
     * @throws java.nio.file.NoSuchFileException when the checkpoint has no file of that name
     */
    InputStream open(String name) throws IOException;
}
