package io.github.cyclegan.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StagesTest {

    @ParameterizedTest
    @EnumSource(GeneratorArchitecture.class)
    void sizeMultiplesAreTheSizesThatComeOutUnchanged(GeneratorArchitecture architecture) {
        // The ResNets' bottleneck needs 2+ pixels for its reflection padding, so 16 rather than 4.
        int size = Math.max(16, architecture.sizeMultiple());
        try (NDManager manager = NDManager.newBaseManager()) {
            CycleGanNetwork network = Networks.generator(
                    GeneratorSpec.defaults().withArchitecture(architecture).withNgf(2), manager, 1);

            assertThat(outputSize(network, manager, size)).isEqualTo(size);
            assertThat(outputSize(network, manager, size + 2)).isNotEqualTo(size + 2);
        }
    }

    /** The output height for a square input, or -1 where the U-Net's skip connections cannot concatenate. */
    private static long outputSize(CycleGanNetwork network, NDManager manager, int size) {
        NDArray x = manager.zeros(new Shape(1, 3, size, size));
        try {
            return TestSupport.forward(network, manager, x, false).getShape().get(2);
        } catch (EngineException e) {
            return -1;
        }
    }

    @ParameterizedTest
    @EnumSource(GeneratorArchitecture.class)
    void stagesChainFromTheInputShapeToTheOutputShape(GeneratorArchitecture architecture) {
        CycleGanNetwork network = Networks.generator(GeneratorSpec.defaults().withArchitecture(architecture).withNgf(4));
        Shape[] shapes = {new Shape(1, 3, 256, 256)};

        for (var stage : network.stages()) {
            shapes = stage.getOutputShapes(shapes);
        }

        assertThat(shapes).containsExactly(network.getOutputShapes(new Shape[] {new Shape(1, 3, 256, 256)}));
        assertThat(network.stages()).hasSizeGreaterThan(1);
    }
}
