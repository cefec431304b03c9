package io.github.cyclegan.inferenceworker.models;

import io.github.cyclegan.messaging.InvalidMessageException;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.storage.ModelKeys;
import io.github.cyclegan.storage.ObjectNotFoundException;
import io.github.cyclegan.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Versions recorded in storage, for what the models topic cannot tell: a model whose record this worker has not
 * read yet, and versions that compaction removed from the topic. {@code models/{model}/latest.json} and
 * {@code models/{model}/versions/{version}/version.json} hold a ModelVersion's JSON. Misses are remembered for a
 * while so that requests for unknown models do not each cost a storage round trip. Storage errors propagate:
 * an unreachable store is STORAGE_UNAVAILABLE, not a missing model.
 */
@ApplicationScoped
public class StoredVersions {
    private static final Logger LOG = Logger.getLogger(StoredVersions.class);
    private static final Duration MISS_TTL = Duration.ofSeconds(10);

    private final Map<String, Long> missesUntilNanos = new ConcurrentHashMap<>();

    @Inject
    ObjectStore store;

    public Optional<ModelVersion> latest(String model) {
        return read(model, ModelKeys.latest(model));
    }

    public Optional<ModelVersion> version(String model, long version) {
        return read(model, ModelKeys.versionJson(model, version))
                .filter(v -> v.version() == version);
    }

    private Optional<ModelVersion> read(String model, String key) {
        Long until = missesUntilNanos.get(key);
        if (until != null && until - System.nanoTime() > 0) {
            return Optional.empty();
        }
        try {
            ModelVersion version = MessageCodec.fromBytes(store.get(key), ModelVersion.class);
            if (version.model().equals(model)) {
                return Optional.of(version);
            }
            LOG.warnf("%s names model %s, not %s; ignored", key, version.model(), model);
        } catch (ObjectNotFoundException e) {
            // Normal for a model that does not exist.
        } catch (InvalidMessageException e) {
            LOG.warnf("cannot read %s: %s", key, e.getMessage());
        }
        missesUntilNanos.put(key, System.nanoTime() + MISS_TTL.toNanos());
        return Optional.empty();
    }
}
