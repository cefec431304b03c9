package io.github.cyclegan.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.cyclegan.messaging.MessageCodec;

/**
 * A complete, resumable training state as named files: the model's ({@link ModelCheckpoint})
 * plus {@value #PROGRESS}. {@link #files()} lists {@value #PROGRESS} last, which is the order to
 * write them in: a checkpoint without its progress file is incomplete and must be ignored.
 */
public record TrainingCheckpoint(Map<String, byte[]> files) {

    public static final String PROGRESS = "progress.json";

    public TrainingCheckpoint {
        ModelCheckpoint.required(files, PROGRESS);
        Map<String, byte[]> ordered = new LinkedHashMap<>();
        files.forEach((name, content) -> {
            if (!name.equals(PROGRESS)) {
                ordered.put(name, content);
            }
        });
        ordered.put(PROGRESS, files.get(PROGRESS));
        files = Collections.unmodifiableMap(ordered);
    }

    static TrainingCheckpoint of(Map<String, byte[]> modelFiles, TrainingProgress progress) {
        Map<String, byte[]> files = new LinkedHashMap<>(modelFiles);
        files.put(PROGRESS, ModelCheckpoint.json(progress));
        return new TrainingCheckpoint(files);
    }

    public TrainingProgress progress() {
        try {
            return MessageCodec.mapper().readValue(files.get(PROGRESS), TrainingProgress.class);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt " + PROGRESS + ": " + e.getMessage(), e);
        }
    }
}
