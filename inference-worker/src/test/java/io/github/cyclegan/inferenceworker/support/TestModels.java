package io.github.cyclegan.inferenceworker.support;

import io.github.cyclegan.versions.ModelKeys;
import io.github.cyclegan.versions.ModelVersions;

import ai.djl.ndarray.NDManager;
import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.ModelArchitecture;
import io.github.cyclegan.messaging.ModelVersion;
import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.model.CycleGanNetwork;
import io.github.cyclegan.model.GeneratorSpec;
import io.github.cyclegan.model.Networks;
import io.github.cyclegan.model.WeightFiles;
import io.github.cyclegan.storage.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Tiny generators (ResNet-6, ngf 4) written as safetensors, uploaded, and announced as model versions with the numbers
 * a test asks for (ModelVersions would allocate its own).
 */
public final class TestModels {
    public static final ModelArchitecture ARCHITECTURE = new ModelArchitecture("resnet_6blocks", 4, "instance", 3, 3,
            false);
    public static final GeneratorSpec SPEC = GeneratorSpec.defaults()
            .withArchitecture(GeneratorArchitecture.RESNET_6BLOCKS).withNgf(4);

    private TestModels() {
    }

    /** Uploads generators for {@code directions} (seeded by the version) and publishes the ModelVersion. */
    public static ModelVersion publish(ObjectStore store, KafkaTestClient kafka, String model, long version,
            Set<Direction> directions) {
        Map<Direction, String> generators = new EnumMap<>(Direction.class);
        Map<Direction, String> digests = new EnumMap<>(Direction.class);
        for (Direction direction : directions) {
            String key = ModelKeys.generator(model, version, direction);
            byte[] weights = weights(version * 2 + direction.ordinal());
            store.put(key, weights, "application/octet-stream");
            generators.put(direction, store.uri(key).toString());
            digests.put(direction, ModelVersions.sha256(weights));
        }
        ModelVersion mv = new ModelVersion(1, model, version, generators, ARCHITECTURE, null, null, digests);
        kafka.publishModel(mv);
        return mv;
    }

    public static byte[] weights(long seed) {
        return weights(SPEC, seed);
    }

    /** A safetensors file of a generator of {@code spec} drawn from {@code seed}. */
    public static byte[] weights(GeneratorSpec spec, long seed) {
        try (NDManager manager = NDManager.newBaseManager()) {
            CycleGanNetwork network = Networks.generator(spec, manager, seed);
            Path file = Files.createTempFile("tiny-generator-", ".safetensors");
            try {
                WeightFiles.save(network, file, Map.of());
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
