package io.github.cyclegan.trainingworker.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.storage.ObjectInfo;
import io.github.cyclegan.storage.ObjectNotFoundException;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.storage.StorageException;
import io.github.cyclegan.training.CheckpointManifest;
import io.github.cyclegan.training.CheckpointSource;
import io.github.cyclegan.training.CorruptCheckpointException;
import io.github.cyclegan.training.TrainingCheckpoint;
import io.github.cyclegan.trainingworker.config.WorkerConfig;
import io.github.cyclegan.weights.TensorFormatException;
import io.quarkus.runtime.Startup;

/**
 * Checkpoints under {@code models/{model}/checkpoints/{iteration, 9 digits}/}. A folder counts
 * only once its {@code progress.json} exists, and that file is written last, so a crash mid-write
 * leaves a folder that is ignored. The newest complete folder (by when its progress.json was
 * written) is the one a job resumes from. Only the newest {@code keep-checkpoints} complete
 * folders of a job are kept.
 *
 * <p>Files stream into and out of the store one at a time as the engine produces or consumes them, so a
 * checkpoint never sits on the heap whole.
 */
@Startup // so that a bad keep-checkpoints stops the worker at start-up, not its first job
@ApplicationScoped
public class CheckpointStore {

    static final String JOB_STAMP = "job.json";

    private static final Logger LOG = Logger.getLogger(CheckpointStore.class);

    private final ObjectStore store;
    private final int keep;

    @Inject
    public CheckpointStore(ObjectStore store, WorkerConfig config) {
        this.store = store;
        this.keep = config.keepCheckpoints();
        if (keep < 1) {
            throw new IllegalArgumentException("cyclegan.training.keep-checkpoints must be at least 1 (the resume point), not "
                    + keep);
        }
    }

    /**
     * Stores every file of {@code checkpoint} as the engine streams it, progress.json last, and returns the folder
     * with the manifest of what was written (each file's size and SHA-256).
     */
    public StoredCheckpoint write(String model, JobStamp stamp, TrainingCheckpoint checkpoint) {
        String prefix = folder(model) + String.format("%09d/", checkpoint.progress().iteration());
        // A folder of an earlier job with the same iteration stops counting before it is overwritten.
        store.delete(prefix + TrainingCheckpoint.PROGRESS);
        store.put(prefix + JOB_STAMP, MessageCodec.toBytes(stamp), "application/json");
        CheckpointManifest manifest;
        try {
            manifest = checkpoint.writeTo(file -> store.put(prefix + file.name(), file.length(), file::open,
                    contentType(file.name())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + store.uri(prefix) + ": " + e.getMessage(), e);
        }
        return new StoredCheckpoint(prefix, store.uri(prefix).toString(), stamp, manifest);
    }

    /** The newest complete checkpoint of {@code model}, if any. */
    public Optional<StoredCheckpoint> newest(String model) {
        return completed(model).stream().findFirst()
                .map(prefix -> new StoredCheckpoint(prefix, store.uri(prefix).toString(), stamp(prefix), null));
    }

    /**
     * Deletes the complete checkpoint folders of {@code jobId} beyond the newest {@code keep-checkpoints}
     * ones. Other jobs' folders are left alone: they may be the resume point of a job that is still
     * queued. Each folder loses its progress.json first, so a half-deleted folder is never resumed.
     */
    public void prune(String model, String jobId) {
        List<String> own = completed(model).stream().filter(prefix -> stamp(prefix).jobId().equals(jobId)).toList();
        for (String prefix : own.subList(Math.min(keep, own.size()), own.size())) {
            store.delete(prefix + TrainingCheckpoint.PROGRESS);
            store.list(prefix).forEach(object -> store.delete(object.key()));
            LOG.infof("job %s: deleted old checkpoint %s (keeping the newest %d)", jobId, store.uri(prefix), keep);
        }
    }

    /** Reads a checkpoint, file by file as {@code reader} asks for them. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(CheckpointSource source) throws IOException;
    }

    /**
     * Hands {@code reader} the checkpoint's files, streamed from the store one at a time. A read that fails on the
     * way (a broken connection) runs again from the start, as a failed request would be retried: restoring a
     * checkpoint overwrites the same state again. A file that is missing, malformed or differs from the manifest fails
     * at once.
     */
    public <T> T read(StoredCheckpoint checkpoint, Reader<T> reader) throws IOException {
        int attempts = store.settings().maxAttempts();
        Duration backoff = store.settings().retryBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                return reader.read(source(checkpoint.prefix()));
            } catch (CorruptCheckpointException | TensorFormatException | NoSuchFileException e) {
                throw e;
            } catch (IOException | StorageException e) {
                boolean retry = attempt < attempts && (e instanceof IOException || ((StorageException) e).isTransient());
                if (!retry) {
                    throw e;
                }
                LOG.warnf("reading checkpoint %s failed (attempt %d/%d), reading it again in %d ms: %s", checkpoint.uri(),
                        attempt, attempts, backoff.toMillis(), e.getMessage());
                pause(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    /**
     * The SHA-256 of one file of a checkpoint: from the manifest written with it, else from its stored
     * {@code manifest.json}, else (a checkpoint from before manifests) computed by streaming the stored file.
     */
    public String sha256(StoredCheckpoint checkpoint, String file) {
        Optional<String> known = checkpoint.knownManifest().flatMap(m -> m.sha256(file));
        if (known.isPresent()) {
            return known.get();
        }
        try {
            Optional<String> stored = CheckpointManifest.read(source(checkpoint.prefix())).flatMap(m -> m.sha256(file));
            if (stored.isPresent()) {
                return stored.get();
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(store.open(checkpoint.prefix() + file), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + checkpoint.uri() + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private CheckpointSource source(String prefix) {
        return name -> {
            try {
                return store.open(prefix + name);
            } catch (ObjectNotFoundException e) {
                NoSuchFileException missing = new NoSuchFileException(store.uri(prefix + name).toString());
                missing.initCause(e);
                throw missing;
            }
        };
    }

    /** The prefixes of the model's complete checkpoint folders, newest first. */
    private List<String> completed(String model) {
        Map<String, Instant> completed = new LinkedHashMap<>();
        for (ObjectInfo object : store.list(folder(model))) {
            if (object.key().endsWith("/" + TrainingCheckpoint.PROGRESS)) {
                String prefix = object.key().substring(0, object.key().length() - TrainingCheckpoint.PROGRESS.length());
                completed.put(prefix, object.lastModified() == null ? Instant.EPOCH : object.lastModified());
            }
        }
        // Timestamps may tie within a second; then the higher iteration (the later folder name) is newer.
        return completed.entrySet().stream()
                .sorted(Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()).reversed())
                .map(Map.Entry::getKey).toList();
    }

    private JobStamp stamp(String prefix) {
        return MessageCodec.fromBytes(store.get(prefix + JOB_STAMP), JobStamp.class);
    }

    private static String folder(String model) {
        return "models/" + model + "/checkpoints/";
    }

    private static String contentType(String name) {
        return name.endsWith(".json") ? "application/json" : "application/octet-stream";
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting to read a checkpoint again", false, e);
        }
    }
}
