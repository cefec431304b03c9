package io.github.cyclegan.messaging;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A servable model version, published on the compacted {@link Topics#MODELS} topic keyed by model
 * name, so the topic's latest record per key is the model's latest version.
 *
 * @param version    positive, increasing per model
 * @param generators weights file ({@code s3://} URI, safetensors) for each direction
 * @param jobId      the training job that produced it; null for imported weights
 * @param sha256     hex SHA-256 of each generator's file, checked by whoever loads it; absent in versions published
 *                   before checksums existed
 */
public record ModelVersion(int schemaVersion, String model, Long version, Map<Direction, String> generators,
        ModelArchitecture architecture, String jobId, Instant createdAt, Map<Direction, String> sha256)
        implements Message {

    private static final String NAME = "ModelVersion";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public ModelVersion {
        schemaVersion = Message.schemaVersion(schemaVersion, NAME);
        Require.name(model, NAME, "model");
        Require.present(version, NAME, "version");
        Require.positive(version, NAME, "version");
        if (generators == null || generators.isEmpty()) {
            throw new IllegalArgumentException(NAME + ".generators must name at least one direction (AtoB or BtoA)");
        }
        generators.forEach((direction, uri) -> {
            Require.present(direction, NAME, "generators key");
            Require.s3Uri(uri, NAME, "generators." + direction);
        });
        generators = Map.copyOf(new EnumMap<>(generators));
        Require.present(architecture, NAME, "architecture");
        if (jobId != null) {
            Require.name(jobId, NAME, "jobId");
        }
        createdAt = createdAt == null ? Instant.now() : createdAt;
        Map<Direction, String> digests = Require.copy(sha256);
        Map<Direction, String> named = generators;
        digests.forEach((direction, digest) -> {
            if (!named.containsKey(direction)) {
                throw new IllegalArgumentException(NAME + ".sha256." + direction + " names no generator");
            }
            if (digest == null || !SHA256_HEX.matcher(digest).matches()) {
                throw new IllegalArgumentException(NAME + ".sha256." + direction + " must be 64 lowercase hex digits");
            }
        });
        sha256 = digests.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(digests));
    }

    /** A version without checksums, as versions published before checksums existed have. */
    public ModelVersion(String model, long version, Map<Direction, String> generators, ModelArchitecture architecture,
            String jobId) {
        this(CURRENT_SCHEMA_VERSION, model, version, generators, architecture, jobId, null, Map.of());
    }

    /** The expected SHA-256 of the generator for {@code direction}, when the version records one. */
    public Optional<String> sha256Of(Direction direction) {
        return Optional.ofNullable(sha256.get(direction));
    }

    @Override
    public String kafkaKey() {
        return model;
    }
}
