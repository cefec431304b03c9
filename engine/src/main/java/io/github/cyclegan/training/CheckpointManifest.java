package io.github.cyclegan.training;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.github.cyclegan.messaging.MessageCodec;

/**
 * {@value #FILE} of a checkpoint: the size and SHA-256 of every file written before it, computed while each file
 * streamed. It is written just before {@code progress.json}, so every complete checkpoint has it (except those from
 * before it existed). A resume checks each file against it; a model version made from the checkpoint records the
 * generators' digests from it without reading them again.
 *
 * @param formatVersion {@value #FORMAT_VERSION}
 * @param files         file name to its size and digest, in the order they were written
 */
public record CheckpointManifest(int formatVersion, Map<String, FileDigest> files) {

    public static final String FILE = "manifest.json";
    public static final int FORMAT_VERSION = 1;

    /**
     * @param bytes  the file's size
     * @param sha256 its SHA-256 as 64 lower-case hex digits
     */
    public record FileDigest(long bytes, String sha256) {
        public FileDigest {
            Objects.requireNonNull(sha256, "sha256");
            if (bytes < 0 || !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("a file digest needs a size >= 0 and 64 hex digits, got " + bytes
                        + " and '" + sha256 + "'");
            }
        }
    }

    public CheckpointManifest {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException(FILE + " format " + formatVersion + " is not supported (expected "
                    + FORMAT_VERSION + ")");
        }
        files = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(files, "files")));
    }

    /** The SHA-256 of a file the manifest lists. */
    public Optional<String> sha256(String name) {
        return Optional.ofNullable(files.get(name)).map(FileDigest::sha256);
    }

    /** The manifest of a stored checkpoint; empty for checkpoints written before manifests existed. */
    public static Optional<CheckpointManifest> read(CheckpointSource source) throws IOException {
        byte[] json;
        try (InputStream in = source.open(FILE)) {
            json = in.readAllBytes();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(parse(json));
    }

    /** Reads a manifest's JSON. */
    public static CheckpointManifest parse(byte[] json) throws IOException {
        try {
            return MessageCodec.mapper().readValue(json, CheckpointManifest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new CorruptCheckpointException("corrupt " + FILE + ": " + e.getMessage(), e);
        }
    }

    byte[] toJson() {
        return ModelCheckpoint.json(this);
    }
}
