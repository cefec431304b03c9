package io.github.cyclegan.cli.models;

import io.github.cyclegan.messaging.InvalidMessageException;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.storage.ModelKeys;
import io.github.cyclegan.storage.ObjectInfo;
import io.github.cyclegan.storage.ObjectNotFoundException;
import io.github.cyclegan.storage.ObjectStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The versions recorded in storage ({@code models/{model}/versions/{version}/version.json} and
 * {@code models/{model}/latest.json}): every version ever published, where the compacted models topic keeps only the
 * latest per model.
 */
public final class StoredModels {

    private static final Pattern VERSION_JSON = Pattern.compile("models/([^/]+)/versions/(\\d+)/version\\.json");

    private final ObjectStore store;

    public StoredModels(ObjectStore store) {
        this.store = store;
    }

    /** Every version of {@code model}, or of every model when it is null, by model name and then version. */
    List<ModelVersion> versions(String model) {
        List<ModelVersion> versions = new ArrayList<>();
        for (ObjectInfo object : store.list(model == null ? ModelKeys.ROOT : ModelKeys.versionsPrefix(model))) {
            if (VERSION_JSON.matcher(object.key()).matches()) {
                read(object.key()).ifPresent(versions::add);
            }
        }
        versions.sort(Comparator.comparing(ModelVersion::model).thenComparing(ModelVersion::version));
        return versions;
    }

    Optional<ModelVersion> latest(String model) {
        return read(ModelKeys.latest(model));
    }

    /** The given version, or the latest when {@code version} is null; a clear error when there is none. */
    public ModelVersion resolve(String model, Long version) {
        Optional<ModelVersion> found = version == null ? latest(model) : read(ModelKeys.versionJson(model, version));
        return found.orElseThrow(() -> new IllegalArgumentException(latest(model).isEmpty()
                ? "no model named " + model + " (see ./cyclegan models)"
                : "model " + model + " has no version " + version + " (see ./cyclegan models " + model + ")"));
    }

    private Optional<ModelVersion> read(String key) {
        try {
            return Optional.of(MessageCodec.fromBytes(store.get(key), ModelVersion.class));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        } catch (InvalidMessageException e) {
            throw new IllegalStateException(store.uri(key) + " is not a valid ModelVersion: " + e.getMessage(), e);
        }
    }
}
