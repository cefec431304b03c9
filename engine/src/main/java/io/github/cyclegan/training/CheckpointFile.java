package io.github.cyclegan.training;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * One file of a {@link TrainingCheckpoint} as it is handed to a {@link CheckpointSink}: its name, its exact length,
 * and its content, which is produced from the live training state while it is read. {@link #open()} may be called
 * more than once (a storage client that retries a failed upload opens it again) and gives the same bytes each time,
 * but only while the sink's {@code write} runs: after that the training goes on and the content would no longer be
 * this checkpoint's.
 */
public final class CheckpointFile {

    /** Opens the content from its first byte. */
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    private final String name;
    private final long length;
    private final Opener opener;

    CheckpointFile(String name, long length, Opener opener) {
        this.name = Objects.requireNonNull(name, "name");
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length + " of " + name);
        }
        this.length = length;
        this.opener = Objects.requireNonNull(opener, "opener");
    }

    /** A small file whose content is already in memory. */
    static CheckpointFile of(String name, byte[] content) {
        byte[] copy = content.clone();
        return new CheckpointFile(name, copy.length, () -> new ByteArrayInputStream(copy));
    }

    /** The file name inside the checkpoint folder, e.g. {@code G_A.safetensors}. */
    public String name() {
        return name;
    }

    /** The content's size in bytes. */
    public long length() {
        return length;
    }

    /** The content from its first byte; the caller closes the stream. */
    public InputStream open() throws IOException {
        return opener.open();
    }

    @Override
    public String toString() {
        return name + " (" + length + " bytes)";
    }
}
