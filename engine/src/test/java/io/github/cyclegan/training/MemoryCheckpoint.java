package io.github.cyclegan.training;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A checkpoint folder in memory: the sink records each file as written, in order; the source reads them back. */
final class MemoryCheckpoint implements CheckpointSink, CheckpointSource {

    final Map<String, byte[]> files = new LinkedHashMap<>();

    /** Writes {@code checkpoint} here and returns this. */
    static MemoryCheckpoint of(TrainingCheckpoint checkpoint) {
        MemoryCheckpoint memory = new MemoryCheckpoint();
        try {
            checkpoint.writeTo(memory);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return memory;
    }

    @Override
    public void write(CheckpointFile file) throws IOException {
        try (InputStream in = file.open()) {
            byte[] content = in.readAllBytes();
            if (content.length != file.length()) {
                throw new IOException(file.name() + " announced " + file.length() + " bytes and gave " + content.length);
            }
            files.put(file.name(), content);
        }
    }

    @Override
    public InputStream open(String name) throws IOException {
        byte[] content = files.get(name);
        if (content == null) {
            throw new NoSuchFileException(name);
        }
        return new ByteArrayInputStream(content);
    }

    TrainingProgress progress() {
        try {
            return TrainingCheckpoint.readProgress(this);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
