package io.github.cyclegan.trainingworker.checkpoint;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.storage.ObjectInfo;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.training.TrainingCheckpoint;

/**
 * Checkpoints under {@code models/{model}/checkpoints/{iteration, 9 digits}/}. A folder counts
 * only once its {@code progress.json} exists, and that file is written last, so a crash mid-write
 * leaves a folder that is ignored. The newest complete folder (by when its progress.json was
 * written) is the one a job resumes from.
 */
@ApplicationScoped
public class CheckpointStore {

    static final String JOB_STAMP = "job.json";

    private final ObjectStore store;

    @Inject
    public CheckpointStore(ObjectStore store) {
        this.store = store;
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
        String root = folder(model);
        Map<String, Instant> completed = new LinkedHashMap<>();
        for (ObjectInfo object : store.list(root)) {
            if (object.key().endsWith("/" + TrainingCheckpoint.PROGRESS)) {
                String prefix = object.key().substring(0, object.key().length() - TrainingCheckpoint.PROGRESS.length());
                completed.put(prefix, object.lastModified() == null ? Instant.EPOCH : object.lastModified());
            }
        }
        // Timestamps may tie within a second; then the higher iteration (the later folder name) is newer.
        return completed.entrySet().stream()
                .max(Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new StoredCheckpoint(e.getKey(), store.uri(e.getKey()).toString(),
                        MessageCodec.fromBytes(store.get(e.getKey() + JOB_STAMP), JobStamp.class)));
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

    private static String folder(String model) {
        return "models/" + model + "/checkpoints/";
    }

    private static String contentType(String name) {
        return name.endsWith(".json") ? "application/json" : "application/octet-stream";
    }
}
