package io.github.cyclegan.inferenceworker.models;

import io.github.cyclegan.serving.GeneratorSpecs;
import io.github.cyclegan.messaging.ErrorCode;
import io.github.cyclegan.inferenceworker.pipeline.TranslationFailure;
import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.ModelVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jboss.logging.Logger;

/**
 * The model versions this worker knows, fed by the models topic and by pointers in storage. "Latest" is the highest
 * version known, so a version published twice or replayed out of order never moves a model backwards.
 */
@ApplicationScoped
public class ModelRegistry {
    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    private final Map<String, NavigableMap<Long, ModelVersion>> versions = new ConcurrentHashMap<>();

    @Inject
    StoredVersions stored;

    /** Adds a version; one whose architecture the engine cannot build is refused here, not at request time. */
    public void add(ModelVersion version) {
        for (Direction direction : version.generators().keySet()) {
            try {
                GeneratorSpecs.of(version.architecture(), direction);
            } catch (IllegalArgumentException e) {
                LOG.warnf("ignoring %s version %d: %s", version.model(), version.version(), e.getMessage());
                return;
            }
        }
        ModelVersion previous = versions.computeIfAbsent(version.model(), m -> new ConcurrentSkipListMap<>())
                .put(version.version(), version);
        if (previous == null) {
            LOG.infof("model %s version %d available (%s)", version.model(), version.version(),
                    version.generators().keySet());
        }
    }

    /** The version a request gets: exactly {@code pinned} when given, else the latest. */
    public ModelVersion resolve(String model, Long pinned) {
        if (pinned != null) {
            return find(model, pinned).or(() -> stored.version(model, pinned).map(this::remember))
                    .orElseThrow(() -> known(model)
                            ? new TranslationFailure(ErrorCode.MODEL_VERSION_NOT_FOUND,
                                    "model '" + model + "' has no version " + pinned)
                            : notFound(model));
        }
        return latest(model).or(() -> stored.latest(model).map(this::remember)).orElseThrow(() -> notFound(model));
    }

    /** The models this worker knows a version of. */
    public Set<String> models() {
        return Set.copyOf(versions.keySet());
    }

    /**
     * Adds the version {@code latest.json} names for each known model: the storage pointer is written before the
     * announcement, so a version whose announcement was lost (its publisher died in between) still gets served.
     */
    public void reconcileWithStorage() {
        for (String model : models()) {
            stored.latest(model).ifPresent(this::add);
        }
    }

    public Optional<ModelVersion> latest(String model) {
        NavigableMap<Long, ModelVersion> byVersion = versions.get(model);
        return byVersion == null || byVersion.isEmpty() ? Optional.empty() : Optional.of(byVersion.lastEntry().getValue());
    }

    private Optional<ModelVersion> find(String model, long version) {
        NavigableMap<Long, ModelVersion> byVersion = versions.get(model);
        return Optional.ofNullable(byVersion == null ? null : byVersion.get(version));
    }

    private boolean known(String model) {
        return versions.containsKey(model) || stored.latest(model).map(this::remember).isPresent();
    }

    private ModelVersion remember(ModelVersion version) {
        add(version);
        return version;
    }

    private static TranslationFailure notFound(String model) {
        return new TranslationFailure(ErrorCode.MODEL_NOT_FOUND, "no model named '" + model + "'");
    }
}
