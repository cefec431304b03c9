package io.github.cyclegan.serving;

import io.github.cyclegan.image.Images;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.messaging.options.NormType;
import io.github.cyclegan.model.CycleGanNetwork;
import io.github.cyclegan.model.GeneratorSpec;
import io.github.cyclegan.model.Networks;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StagedForwardTest {

    @ParameterizedTest
    @EnumSource(value = NormType.class)
    void leavesOnlyTheOutputBehindAndComputesWhatTheNetworkComputes(NormType norm) {
        GeneratorSpec spec = GeneratorSpec.defaults().withArchitecture(GeneratorArchitecture.RESNET_6BLOCKS)
                .withNgf(4).withNorm(norm);
        try (NDManager weights = NDManager.newBaseManager();
                NDManager plain = NDManager.newBaseManager();
                NDManager staged = NDManager.newBaseManager()) {
            CycleGanNetwork network = Networks.generator(spec, weights, 1);
            float[] input = Images.random(new Random(2), 3, 16, 16).data();
            Shape shape = new Shape(1, 3, 16, 16);
            NDArray expected = network.forward(new ParameterStore(plain, false),
                    new NDList(plain.create(input, shape)), false).singletonOrThrow();

            NDArray out = StagedForward.run(network.stages(), new ParameterStore(staged, false),
                    staged.create(input, shape));

            assertThat(plain.getManagedArrays()).as("a plain forward keeps its intermediates").hasSizeGreaterThan(20);
            assertThat(staged.getManagedArrays()).containsExactly(out);
            assertThat(out.toFloatArray()).containsExactly(expected.toFloatArray());
        }
    }
}
