package io.github.cyclegan.weights;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

class DjlTensorsTest {

    @Test
    void namedTensorsSurviveATripThroughDjl() {
        List<NamedTensor> tensors = List.of(
                new NamedTensor("model.1.bias", new long[] {4}, new float[] {1, -2, 3.5f, 0}),
                new NamedTensor("scalar", new long[] {}, new float[] {42}));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList arrays = DjlTensors.toNDList(tensors, manager);

            assertThat(arrays.get(0).getName()).isEqualTo("model.1.bias");
            assertThat(arrays.get(0).getShape().getShape()).containsExactly(4);
            assertThat(arrays.get(1).getShape().isScalar()).isTrue();
            assertThat(DjlTensors.fromNDList(arrays)).containsExactlyElementsOf(tensors);
        }
    }

    @Test
    void otherFloatTypesComeBackAsFloat32() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray doubles = manager.create(new double[] {0.5, -1.25});
            doubles.setName("d");

            assertThat(DjlTensors.fromNDArray(doubles))
                    .isEqualTo(new NamedTensor("d", new long[] {2}, new float[] {0.5f, -1.25f}));
            assertThat(doubles.getDataType()).isEqualTo(DataType.FLOAT64);
        }
    }
}
