package io.github.cyclegan.trainingworker.checkpoint;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.storage.ObjectInfo;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.training.TrainingCheckpoint;
import io.github.cyclegan.trainingworker.config.WorkerConfig;
import io.quarkus.runtime.Startup;

/**
 * Checkpoints under {@code models/{model}/checkpoints/{iteration, 9 digits}/}. A folder counts
 * only once its {@code progress.json} exists, and that file is written last, so a crash mid-write
 * leaves a folder that is ignored. The newest complete folder (by when its progress.json was
 * written) is the one a job resumes from. Only the newest {@code keep-checkpoints} complete
 * folders of a job are kept.
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

    /** Stores every file of {@code checkpoint}, progress.json last, and returns the folder's {@code s3://} URI. */
    public StoredCheckpoint write(String model, JobStamp stamp, TrainingCheckpoint checkpoint) {
        String prefix = folder(model) + String.format("%09d/", checkpoint.progress().iteration());
        // A folder of an earlier job with the same iteration stops counting before it is overwritten.
        store.delete(prefix + TrainingCheckpoint.PROGRESS);
        store.put(prefix + JOB_STAMP, MessageCodec.toBytes(stamp), "application/json");
        checkpoint.files().forEach((name, content) -> store.put(prefix + name, content, contentType(name)));
        return new StoredCheckpoint(prefix, store.uri(prefix).toString(), stamp);
    }

    /** The newest complete checkpoint of {@code model}, if any. */
    public Optional<StoredCheckpoint> newest(String model) {
        return completed(model).stream().findFirst()
                .map(prefix -> new StoredCheckpoint(prefix, store.uri(prefix).toString(), stamp(prefix)));
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

    /** Reads every file of a checkpoint folder back. */
    public TrainingCheckpoint load(StoredCheckpoint checkpoint) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<ObjectInfo> objects = store.list(checkpoint.prefix());
        objects.stream().sorted(Comparator.comparing(ObjectInfo::key))
                .map(o -> o.key().substring(checkpoint.prefix().length()))
                .filter(name -> !name.equals(JOB_STAMP) && !name.contains("/"))
                .forEach(name -> files.put(name, store.get(checkpoint.prefix() + name)));
        return new TrainingCheckpoint(files);
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
}
