package io.github.cyclegan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.cyclegan.messaging.options.DiscriminatorArchitecture;
import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.messaging.options.NormType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StateDictTest {

    private static final GeneratorSpec SPEC =
            GeneratorSpec.defaults().withArchitecture(GeneratorArchitecture.RESNET_6BLOCKS).withNgf(4)
                    .withNorm(NormType.BATCH);

    @Test
    void exportedWeightsLoadIntoAnotherNetworkAndReproduceItsOutput() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            CycleGanNetwork source = Networks.generator(SPEC, manager, 1);
            NDArray x = TestSupport.randomArray(manager, new Random(9), new Shape(2, 3, 32, 32));
            // One training pass moves the running statistics and the counter away from their defaults.
            TestSupport.forward(source, manager, x, true);
            float[] expected = TestSupport.forward(source, manager, x, false).toFloatArray();

            try (NDManager transfer = manager.newSubManager()) {
                Map<String, NDArray> values = source.exportStateDict(transfer);
                assertThat(values.keySet()).containsExactlyElementsOf(
                        source.stateDict().stream().map(StateDictEntry::key).toList());
                NDArray counter = values.get("model.2.num_batches_tracked");
                assertThat(counter.getDataType()).isEqualTo(DataType.INT64);
                assertThat(counter.getShape()).isEqualTo(new Shape());
                assertThat(counter.getLong()).isEqualTo(1L);

                // Round trip through safetensors, the format a PyTorch state dict can be saved in.
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                new NDList(values.values()).encode(bytes, NDList.Encoding.SAFETENSORS);
                NDList decoded = NDList.decode(transfer, new ByteArrayInputStream(bytes.toByteArray()));
                Map<String, NDArray> exported = new LinkedHashMap<>();
                for (NDArray array : decoded) {
                    exported.put(array.getName(), array);
                }

                CycleGanNetwork target = Networks.generator(SPEC, manager, 2);
                assertThat(TestSupport.forward(target, manager, x, false).toFloatArray()).isNotEqualTo(expected);
                target.loadStateDict(exported);
                assertThat(TestSupport.forward(target, manager, x, false).toFloatArray()).containsExactly(expected);
                assertThat(target.exportStateDict(transfer).get("model.2.num_batches_tracked").getLong())
                        .isEqualTo(1L);
            }
        }
    }

    @Test
    void loadingReportsMissingUnexpectedAndMisshapenKeysAndWritesNothing() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CycleGanNetwork network = Networks.generator(SPEC, manager, 1);
            float[] before = network.stateDict().get(0).parameter().getArray().toFloatArray();
            Map<String, NDArray> values = network.exportStateDict(manager);
            values.put("model.1.weight", manager.zeros(new Shape(4, 3, 7, 7)));
            values.remove("model.4.weight");
            values.put("model.2.running_mean", manager.zeros(new Shape(5)));
            values.put("module.extra", manager.zeros(new Shape(1)));

            assertThatThrownBy(() -> network.loadStateDict(values))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("missing keys [model.4.weight]")
                    .hasMessageContaining("unexpected keys [module.extra]")
                    .hasMessageContaining("size mismatch for model.2.running_mean");
            assertThat(network.stateDict().get(0).parameter().getArray().toFloatArray()).containsExactly(before);
        }
    }

    @Test
    void valuesOfAnotherNumericTypeAreConverted() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CycleGanNetwork network = Networks.discriminator(
                    DiscriminatorSpec.defaults().withArchitecture(DiscriminatorArchitecture.PIXEL).withNdf(2), manager, 1);
            Map<String, NDArray> values = network.exportStateDict(manager);
            values.replaceAll((key, array) -> array.toType(DataType.FLOAT64, true));
            values.put("net.0.bias", manager.create(new double[] {0.25, -0.5}));
            network.loadStateDict(values);
            assertThat(network.exportStateDict(manager).get("net.0.bias").toFloatArray()).containsExactly(0.25f, -0.5f);
        }
    }

    @Test
    void instanceNormBuffersOfOldCheckpointsCanBeDroppedLikeTheReferenceDoes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CycleGanNetwork network = Networks.discriminator(DiscriminatorSpec.defaults().withNdf(2), manager, 1);
            Map<String, NDArray> values = network.exportStateDict(manager);
            values.put("model.3.running_mean", manager.zeros(new Shape(4)));
            values.put("model.3.running_var", manager.ones(new Shape(4)));
            assertThatThrownBy(() -> network.loadStateDict(values)).hasMessageContaining("unexpected keys");

            Map<String, NDArray> patched = StateDict.withoutInstanceNormBuffers(network.stateDict(), values);
            assertThat(patched).doesNotContainKeys("model.3.running_mean", "model.3.running_var").hasSize(10);
            network.loadStateDict(patched);
        }
    }

    @Test
    void djlParameterFilesRoundTripIncludingTheBatchCounter() throws IOException, MalformedModelException {
        try (NDManager manager = NDManager.newBaseManager()) {
            CycleGanNetwork source = Networks.generator(SPEC, manager, 1);
            NDArray x = TestSupport.randomArray(manager, new Random(9), new Shape(1, 3, 32, 32));
            TestSupport.forward(source, manager, x, true);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            source.saveParameters(new DataOutputStream(bytes));

            CycleGanNetwork target = Networks.generator(SPEC);
            target.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            assertThat(TestSupport.forward(target, manager, x, false).toFloatArray())
                    .containsExactly(TestSupport.forward(source, manager, x, false).toFloatArray());
            assertThat(target.exportStateDict(manager).get("model.2.num_batches_tracked").getLong()).isEqualTo(1L);
        }
    }
}
