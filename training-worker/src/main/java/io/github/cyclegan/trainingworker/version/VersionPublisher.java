package io.github.cyclegan.trainingworker.version;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.ModelArchitecture;
import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.storage.ModelKeys;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.training.ModelCheckpoint;
import io.github.cyclegan.training.TrainingCheckpoint;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/**
 * Turns a checkpoint's generators into the model's next version: the safetensors files under
 * {@code models/{model}/versions/{version}/} with the ModelVersion itself as {@code version.json} (so a pinned
 * version stays resolvable after the compacted topic dropped it), then {@code latest.json} (the same JSON),
 * then the ModelVersion on the compacted models topic. Files go first so that whoever sees the
 * pointer or the message can load them. Jobs are keyed by model name, so one model's jobs run on
 * one worker at a time and the read-increment-write of the version number does not race.
 */
@ApplicationScoped
public class VersionPublisher {

    private static final Logger LOG = Logger.getLogger(VersionPublisher.class);

    private final ObjectStore store;

    @Inject
    @Channel("models")
    MutinyEmitter<String> models;

    @Inject
    public VersionPublisher(ObjectStore store) {
        this.store = store;
    }

    /** The version {@code latest.json} points at, if the model has one. */
    public Optional<ModelVersion> latest(String model) {
        String key = ModelKeys.latest(model);
        return store.exists(key) ? Optional.of(MessageCodec.fromBytes(store.get(key), ModelVersion.class)) : Optional.empty();
    }

    public ModelVersion publish(String model, String jobId, ModelArchitecture architecture, TrainingCheckpoint checkpoint) {
        long version = latest(model).map(v -> v.version() + 1).orElse(1L);
        String folder = ModelKeys.versionFolder(model, version);
        Map<Direction, String> generators = new EnumMap<>(Direction.class);
        generators.put(Direction.A_TO_B, store(folder, "G_A", checkpoint));
        generators.put(Direction.B_TO_A, store(folder, "G_B", checkpoint));
        ModelVersion published = new ModelVersion(ModelVersion.CURRENT_SCHEMA_VERSION, model, version, generators,
                architecture, jobId, null);
        byte[] json = MessageCodec.toBytes(published);
        store.put(ModelKeys.versionJson(model, version), json, "application/json");
        store.put(ModelKeys.latest(model), json, "application/json");
        models.sendMessageAndAwait(KafkaRecord.of(published.kafkaKey(), MessageCodec.toJson(published)));
        LOG.infof("model %s: published version %d from job %s", model, version, jobId);
        return published;
    }

    private String store(String folder, String network, TrainingCheckpoint checkpoint) {
        String file = ModelCheckpoint.networkFile(network);
        store.put(folder + file, checkpoint.files().get(file), "application/octet-stream");
        return store.uri(folder + file).toString();
    }
}
