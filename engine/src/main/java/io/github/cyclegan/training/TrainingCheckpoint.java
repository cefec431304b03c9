package io.github.cyclegan.training;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.cyclegan.messaging.MessageCodec;

/**
 * A complete, resumable training state, handed to {@link TrainingListener#onCheckpoint}: the model's files
 * ({@link ModelCheckpoint}), then {@value CheckpointManifest#FILE} (size and SHA-256 of each of them), then
 * {@value #PROGRESS}, in the order {@link #writeTo} writes them. A checkpoint without its progress file is incomplete
 * and must be ignored.
 *
 * <p>It is a view of the live trainer, not a copy: {@link #writeTo} serialises each file from the model while the
 * sink reads it, one file (and one tensor) at a time, so a large model's checkpoint never sits on the heap whole.
 * It can therefore only be written until the trainer moves on (the next iteration, a resume, closing it); after
 * that, writing fails with an {@link IllegalStateException}.
 */
public final class TrainingCheckpoint {

    public static final String PROGRESS = "progress.json";

    private final TrainingProgress progress;
    private final List<CheckpointFile> modelFiles;
    private final Runnable checkCurrent;

    TrainingCheckpoint(TrainingProgress progress, List<CheckpointFile> modelFiles, Runnable checkCurrent) {
        this.progress = progress;
        this.modelFiles = List.copyOf(modelFiles);
        this.checkCurrent = checkCurrent;
    }

    public TrainingProgress progress() {
        return progress;
    }

    /** The names of the files {@link #writeTo} writes, in its order: {@value #PROGRESS} is last. */
    public List<String> fileNames() {
        List<String> names = new ArrayList<>();
        modelFiles.forEach(file -> names.add(file.name()));
        names.add(CheckpointManifest.FILE);
        names.add(PROGRESS);
        return names;
    }

    /**
     * Writes every file into {@code sink}, one at a time, {@value #PROGRESS} last, and returns the manifest it wrote
     * before that: each file's size and the SHA-256 computed while the sink read it.
     *
     * @throws IllegalStateException when the trainer has moved on since this checkpoint was taken
     */
    public CheckpointManifest writeTo(CheckpointSink sink) throws IOException {
        checkCurrent.run();
        Map<String, CheckpointManifest.FileDigest> digests = new LinkedHashMap<>();
        for (CheckpointFile file : modelFiles) {
            digests.put(file.name(), write(sink, file));
        }
        CheckpointManifest manifest = new CheckpointManifest(CheckpointManifest.FORMAT_VERSION, digests);
        write(sink, CheckpointFile.of(CheckpointManifest.FILE, manifest.toJson()));
        write(sink, CheckpointFile.of(PROGRESS, ModelCheckpoint.json(progress)));
        return manifest;
    }

    /** Hands {@code file} to the sink, digesting it as the sink reads it (or afterwards, if the sink did not read it all). */
    private static CheckpointManifest.FileDigest write(CheckpointSink sink, CheckpointFile file) throws IOException {
        CheckpointManifest.FileDigest[] read = new CheckpointManifest.FileDigest[1];
        sink.write(new CheckpointFile(file.name(), file.length(),
                () -> DigestStreams.digesting(file.open(), file.name(), file.length(), digest -> read[0] = digest)));
        CheckpointManifest.FileDigest digest = read[0] != null ? read[0] : DigestStreams.of(file.open(), file.name());
        if (digest.bytes() != file.length()) {
            throw new IOException(file.name() + " gave " + digest.bytes() + " bytes, not the " + file.length()
                    + " it announced");
        }
        return digest;
    }

    /** The progress file of a stored checkpoint. */
    public static TrainingProgress readProgress(CheckpointSource source) throws IOException {
        byte[] json;
        try (InputStream in = source.open(PROGRESS)) {
            json = in.readAllBytes();
        } catch (NoSuchFileException e) {
            throw new CorruptCheckpointException("the checkpoint has no " + PROGRESS + " (an incomplete checkpoint)", e);
        }
        try {
            return MessageCodec.mapper().readValue(json, TrainingProgress.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new CorruptCheckpointException("corrupt " + PROGRESS + ": " + e.getMessage(), e);
        }
    }
}
