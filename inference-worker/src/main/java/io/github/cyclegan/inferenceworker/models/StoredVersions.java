package io.github.cyclegan.inferenceworker.models;

import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.versions.InvalidStoredVersionException;
import io.github.cyclegan.versions.ModelVersions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Versions recorded in storage (read through {@link ModelVersions}), for what the models topic cannot tell: a model
 * whose record this worker has not read yet, and versions that compaction removed from the topic. Misses are
 * remembered for a while so that requests for unknown models do not each cost a storage round trip. A stored version
 * that cannot be read counts as missing (and is logged); storage errors propagate: an unreachable store is
 * STORAGE_UNAVAILABLE, not a missing model.
 */
@ApplicationScoped
public class StoredVersions {
    private static final Logger LOG = Logger.getLogger(StoredVersions.class);
    private static final Duration MISS_TTL = Duration.ofSeconds(10);

    private final Map<String, Long> missesUntilNanos = new ConcurrentHashMap<>();

    @Inject
    ModelVersions versions;

    public Optional<ModelVersion> latest(String model) {
        return read(model + "@latest", () -> versions.latest(model));
    }

    public Optional<ModelVersion> version(String model, long version) {
        return read(model + "@" + version, () -> versions.version(model, version));
    }

    private Optional<ModelVersion> read(String what, Supplier<Optional<ModelVersion>> reader) {
        Long until = missesUntilNanos.get(what);
        if (until != null && until - System.nanoTime() > 0) {
            return Optional.empty();
        }
        Optional<ModelVersion> found;
        try {
            found = reader.get();
        } catch (InvalidStoredVersionException e) {
            LOG.warnf("ignoring %s: %s", what, e.getMessage());
            found = Optional.empty();
        }
        if (found.isEmpty()) {
            missesUntilNanos.put(what, System.nanoTime() + MISS_TTL.toNanos());
        }
        return found;
    }
}
