package io.github.cyclegan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StagesTest {

    @ParameterizedTest
    @EnumSource(GeneratorArchitecture.class)
    void sizeMultiplesFromTheMinimumUpComeOutUnchanged(GeneratorArchitecture architecture) {
        int size = architecture.minimumSize();
        try (NDManager manager = NDManager.newBaseManager()) {
            CycleGanNetwork network = Networks.generator(
                    GeneratorSpec.defaults().withArchitecture(architecture).withNgf(2), manager, 1);

            assertThat(size % architecture.sizeMultiple()).isZero();
            assertThat(outputSize(network, manager, size)).isEqualTo(size);
            assertThat(outputSize(network, manager, 3 * size)).isEqualTo(3 * size);
            assertThat(outputSize(network, manager, size + 2)).isNotEqualTo(size + 2);
            if (size > architecture.sizeMultiple()) {
                assertThatThrownBy(() -> outputSize(network, manager, size - architecture.sizeMultiple()))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Reflection padding");
            }
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
        CycleGanNetwork network =
                Networks.generator(GeneratorSpec.defaults().withArchitecture(architecture).withNgf(4));
        Shape[] shapes = {new Shape(1, 3, 256, 256)};

        for (var stage : network.stages()) {
            shapes = stage.getOutputShapes(shapes);
        }

        assertThat(shapes).containsExactly(network.getOutputShapes(new Shape[] {new Shape(1, 3, 256, 256)}));
        assertThat(network.stages()).hasSizeGreaterThan(1);
    }
}
