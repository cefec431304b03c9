package io.github.cyclegan.messaging;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * A servable model version, published on the compacted {@link Topics#MODELS} topic keyed by model
 * name, so the topic's latest record per key is the model's latest version.
 *
 * @param version    positive, increasing per model
 * @param generators weights file ({@code s3://} URI, safetensors) for each direction
 * @param jobId      the training job that produced it; null for imported weights
 */
public record ModelVersion(int schemaVersion, String model, Long version, Map<Direction, String> generators,
        ModelArchitecture architecture, String jobId, Instant createdAt) implements Message {

    private static final String NAME = "ModelVersion";

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
    }

    @Override
    public String kafkaKey() {
        return model;
    }
}
