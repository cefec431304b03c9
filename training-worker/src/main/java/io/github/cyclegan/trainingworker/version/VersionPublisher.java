package io.github.cyclegan.trainingworker.version;

import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.ModelArchitecture;
import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.messaging.Network;
import io.github.cyclegan.trainingworker.checkpoint.CheckpointStore;
import io.github.cyclegan.trainingworker.checkpoint.StoredCheckpoint;
import io.github.cyclegan.versions.GeneratorFile;
import io.github.cyclegan.versions.ModelVersions;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Turns a stored checkpoint's generators into the model's next version through {@link ModelVersions} (which numbers
 * versions without a race and stores them before anyone can see them), then announces it on the compacted models
 * topic. The generators are copied on the storage server, with the SHA-256 the checkpoint's manifest recorded while
 * they were written: the worker never holds their bytes.
 */
@ApplicationScoped
public class VersionPublisher {

    private static final Logger LOG = Logger.getLogger(VersionPublisher.class);

    @Inject
    ModelVersions versions;

    @Inject
    CheckpointStore checkpoints;

    @Inject
    AnnouncedVersions announced;

    @Inject
    @Channel("models")
    MutinyEmitter<String> models;

    public ModelVersion publish(String model, String jobId, ModelArchitecture architecture, StoredCheckpoint checkpoint) {
        Map<Direction, GeneratorFile> generators = new EnumMap<>(Direction.class);
        for (Direction direction : Direction.values()) {
            String file = Network.generator(direction).fileName();
            generators.put(direction, new GeneratorFile.Copy(checkpoint.prefix() + file, checkpoints.sha256(checkpoint, file)));
        }
        ModelVersion published = versions.publish(model, jobId, architecture, generators);
        announce(published);
        LOG.infof("model %s: published version %d from job %s", model, published.version(), jobId);
        return published;
    }

    /**
     * The version {@code jobId} already published, announced unless the models topic already did: a job delivered
     * again after it published (its worker died before acknowledging) must neither leave the version stored but
     * unannounced nor announce it twice.
     */
    public Optional<ModelVersion> republish(String model, String jobId) {
        Optional<ModelVersion> published = versions.publishedBy(model, jobId);
        published.ifPresent(version -> {
            versions.advanceLatest(version);
            if (announced.covers(version)) {
                LOG.infof("model %s: version %d of job %s was announced already", model, version.version(), jobId);
            } else {
                announce(version);
                LOG.infof("model %s: announced version %d of job %s, stored before its worker stopped", model,
                        version.version(), jobId);
            }
        });
        return published;
    }

    private void announce(ModelVersion version) {
        models.sendMessageAndAwait(KafkaRecord.of(version.kafkaKey(), MessageCodec.toJson(version)));
    }
}
