package io.github.cyclegan.versions;

import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.InvalidMessageException;
import io.github.cyclegan.messaging.MessageCodec;
import io.github.cyclegan.messaging.ModelArchitecture;
import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.storage.ObjectInfo;
import io.github.cyclegan.storage.ObjectNotFoundException;
import io.github.cyclegan.storage.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versions of every model as storage records them (layout in docs/architecture.md): the one reader and the one
 * publisher, shared by the training worker, {@code models import}, the inference worker and the CLI.
 *
 * <p>Publishing allocates numbers without a race: a publisher owns number N once it has created
 * {@code versions/N/claim.json} with S3's conditional write, and takes N+1 when another one got there first, so two
 * publishers (two training workers, or a training worker and an import) never mix their weights in one version. A
 * crash leaves at most an unused number behind, never a reused one. Weights go first, then {@code version.json},
 * then {@code latest.json} (advanced by compare-and-set, never backwards); whoever sees a version can load it. The
 * announcement on the models topic is the caller's, after {@link #publish} returns.
 */
public final class ModelVersions {

    /** A race for a number or for latest.json lost this many times in a row means something else is wrong. */
    private static final int MAX_ATTEMPTS = 100;

    private static final String JSON = "application/json";
    private static final String SAFETENSORS = "application/octet-stream";
    private static final Pattern VERSION_JSON = Pattern.compile("models/([^/]+)/versions/(\\d+)/version\\.json");

    private final ObjectStore store;

    public ModelVersions(ObjectStore store) {
        this.store = store;
    }

    /** The version {@code latest.json} names, if the model has one. */
    public Optional<ModelVersion> latest(String model) {
        return read(model, null, ModelKeys.latest(model));
    }

    /** The given version's {@code version.json}, if it was published. */
    public Optional<ModelVersion> version(String model, long version) {
        return read(model, version, ModelKeys.versionJson(model, version));
    }

    /**
     * The given version, or the latest one when {@code version} is null.
     *
     * @throws VersionNotFoundException naming what is missing: the model, or that version of it
     */
    public ModelVersion resolve(String model, Long version) {
        Optional<ModelVersion> found = version == null ? latest(model) : version(model, version);
        return found.orElseThrow(() -> latest(model).isEmpty()
                ? new VersionNotFoundException("no model named " + model)
                : new VersionNotFoundException("model " + model + " has no version " + version));
    }

    /** Every published version of {@code model}, or of every model when it is null, by model name and version. */
    public List<ModelVersion> list(String model) {
        List<String> models = model == null ? store.children(ModelKeys.ROOT) : List.of(model);
        List<ModelVersion> versions = new ArrayList<>();
        for (String name : models) {
            for (ObjectInfo object : store.list(ModelKeys.versionsPrefix(name))) {
                Matcher matcher = VERSION_JSON.matcher(object.key());
                if (matcher.matches()) {
                    version(name, Long.parseLong(matcher.group(2))).ifPresent(versions::add);
                }
            }
        }
        versions.sort(Comparator.comparing(ModelVersion::model).thenComparing(ModelVersion::version));
        return versions;
    }

    /**
     * The newest version {@code jobId} published, so that a job delivered again after it published (the worker died
     * before acknowledging) announces that version again instead of publishing a second one.
     */
    public Optional<ModelVersion> publishedBy(String model, String jobId) {
        List<ModelVersion> versions = list(model);
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (jobId.equals(versions.get(i).jobId())) {
                return Optional.of(versions.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * Stores {@code generators} as the model's next version and makes it the latest, and returns it for the caller
     * to announce.
     *
     * @param jobId the training job it comes from; null for imported weights
     */
    public ModelVersion publish(String model, String jobId, ModelArchitecture architecture,
            Map<Direction, GeneratorFile> generators) {
        if (generators.isEmpty()) {
            throw new IllegalArgumentException("a version needs at least one generator");
        }
        long version = claim(model, jobId);
        Map<Direction, String> uris = new EnumMap<>(Direction.class);
        Map<Direction, String> digests = new EnumMap<>(Direction.class);
        generators.forEach((direction, file) -> {
            if (file instanceof GeneratorFile.Upload upload) {
                String key = ModelKeys.generator(model, version, direction);
                store.put(key, upload.safetensors(), SAFETENSORS);
                uris.put(direction, store.uri(key).toString());
                digests.put(direction, sha256(upload.safetensors()));
            } else if (file instanceof GeneratorFile.Copy copy) {
                String key = ModelKeys.generator(model, version, direction);
                store.copy(copy.key(), key);
                uris.put(direction, store.uri(key).toString());
                digests.put(direction, copy.sha256());
            } else if (file instanceof GeneratorFile.Existing existing) {
                uris.put(direction, existing.uri());
                if (existing.sha256() != null) {
                    digests.put(direction, existing.sha256());
                }
            }
        });
        ModelVersion published = new ModelVersion(ModelVersion.CURRENT_SCHEMA_VERSION, model, version, uris,
                architecture, jobId, Instant.now(), digests);
        store.put(ModelKeys.versionJson(model, version), MessageCodec.toBytes(published), JSON);
        advanceLatest(published);
        return published;
    }

    /**
     * Makes {@code version} the model's latest unless a newer one already is; a no-op when it already is. Safe to
     * call again for a version whose publisher died between {@code version.json} and {@code latest.json}.
     */
    public void advanceLatest(ModelVersion version) {
        String key = ModelKeys.latest(version.model());
        byte[] json = MessageCodec.toBytes(version);
        for (int attempt = 1; ; attempt++) {
            Optional<ObjectInfo> current = store.stat(key);
            boolean written;
            if (current.isEmpty()) {
                written = store.createIfAbsent(key, json, JSON);
            } else {
                ModelVersion latest = parse(key, store.get(key));
                if (latest.version() >= version.version()) {
                    return;
                }
                written = store.replaceIfUnchanged(key, current.get().etag(), json, JSON);
            }
            if (written) {
                return;
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new IllegalStateException("could not update " + store.uri(key) + " after " + attempt
                        + " attempts: other publishers keep changing it");
            }
        }
    }

    /** The lowest free version number above the latest, taken with a conditional create. */
    private long claim(String model, String jobId) {
        long candidate = latest(model).map(v -> v.version() + 1).orElse(1L);
        String owner = MessageCodec.toJson(new Claim(UUID.randomUUID().toString(), jobId, Instant.now()));
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++, candidate++) {
            if (store.createIfAbsent(ModelKeys.versionClaim(model, candidate), owner.getBytes(StandardCharsets.UTF_8),
                    JSON)) {
                return candidate;
            }
        }
        throw new IllegalStateException("model " + model + ": no free version number found in " + MAX_ATTEMPTS
                + " tries from " + (candidate - MAX_ATTEMPTS));
    }

    /**
     * Reads a stored ModelVersion; a file whose content names another model or version than its key is refused
     * like an unreadable one.
     */
    private Optional<ModelVersion> read(String model, Long version, String key) {
        byte[] json;
        try {
            json = store.get(key);
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
        ModelVersion stored = parse(key, json);
        if (!stored.model().equals(model) || version != null && stored.version() != version.longValue()) {
            throw new InvalidStoredVersionException(store.uri(key) + " holds model " + stored.model() + " version "
                    + stored.version() + ", not what its key says");
        }
        return Optional.of(stored);
    }

    private ModelVersion parse(String key, byte[] json) {
        try {
            return MessageCodec.fromBytes(json, ModelVersion.class);
        } catch (InvalidMessageException e) {
            throw new InvalidStoredVersionException(store.uri(key) + " is not a valid ModelVersion: " + e.getMessage());
        }
    }

    /** Hex SHA-256, the form {@link ModelVersion#sha256()} records. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** Who took a version number, for whoever finds a number without a version. */
    private record Claim(String token, String jobId, Instant at) {
    }
}
