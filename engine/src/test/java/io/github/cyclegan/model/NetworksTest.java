package io.github.cyclegan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.github.cyclegan.messaging.options.DiscriminatorArchitecture;
import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.messaging.options.InitType;
import io.github.cyclegan.messaging.options.NormType;
import io.github.cyclegan.messaging.options.OptionName;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworksTest {

    private static final long SEED = 42;

    private static GeneratorSpec tinyGenerator(GeneratorArchitecture architecture) {
        return GeneratorSpec.defaults().withArchitecture(architecture).withNgf(4);
    }

    private static DiscriminatorSpec tinyDiscriminator(DiscriminatorArchitecture architecture) {
        return DiscriminatorSpec.defaults().withArchitecture(architecture).withNdf(4);
    }

    @ParameterizedTest(name = "{0} at {1}px")
    @CsvSource({"resnet_9blocks,256", "resnet_6blocks,64", "unet_256,256", "unet_128,128"})
    void generatorsKeepTheImageSize(String name, int size) {
        GeneratorSpec spec = tinyGenerator(OptionName.fromName(GeneratorArchitecture.class, name)).withChannels(3, 2);
        Shape input = new Shape(1, 3, size, size);
        try (NDManager manager = NDManager.newBaseManager()) {
            CycleGanNetwork generator = Networks.generator(spec, manager, SEED);
            try (NDManager step = manager.newSubManager()) {
                NDArray out = TestSupport.forward(generator, step, TestSupport.randomArray(step, new Random(1), input),
                        false);
                assertThat(out.getShape()).isEqualTo(new Shape(1, 2, size, size));
                assertThat(generator.getOutputShapes(new Shape[] {input})[0]).isEqualTo(out.getShape());
                assertThat(out.abs().max().getFloat()).as("tanh output").isLessThanOrEqualTo(1f);
            }
        }
    }

    @ParameterizedTest(name = "{0} at {1}px -> {2}")
    @CsvSource({"basic,256,3,30", "n_layers,256,5,6", "n_layers,64,2,14", "pixel,32,3,32"})
    void discriminatorsProducePatchMaps(String name, int size, int layers, int patches) {
        DiscriminatorSpec spec = tinyDiscriminator(OptionName.fromName(DiscriminatorArchitecture.class, name)).withLayers(layers);
        Shape input = new Shape(2, 3, size, size);
        try (NDManager manager = NDManager.newBaseManager()) {
            CycleGanNetwork discriminator = Networks.discriminator(spec, manager, SEED);
            try (NDManager step = manager.newSubManager()) {
                NDArray out = TestSupport.forward(discriminator, step,
                        TestSupport.randomArray(step, new Random(1), input), false);
                assertThat(out.getShape()).isEqualTo(new Shape(2, 1, patches, patches));
                assertThat(discriminator.getOutputShapes(new Shape[] {input})[0]).isEqualTo(out.getShape());
            }
        }
    }

    @ParameterizedTest(name = "{0} norm={1} dropout={2}")
    @CsvSource({
        "resnet_6blocks,instance,false",
        "resnet_6blocks,batch,true",
        "resnet_6blocks,none,false",
        "unet_128,batch,true",
        "unet_128,instance,false"
    })
    void trainingStepLeavesNothingInTheModelManagerAndReachesEveryWeight(String name, String norm, boolean dropout) {
        GeneratorSpec spec = tinyGenerator(OptionName.fromName(GeneratorArchitecture.class, name))
                .withNorm(OptionName.fromName(NormType.class, norm))
                .withDropout(dropout);
        try (NDManager manager = NDManager.newBaseManager()) {
            CycleGanNetwork generator = Networks.generator(spec, manager, SEED);
            int before = manager.getManagedArrays().size();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector();
                    NDManager step = manager.newSubManager()) {
                NDArray x = TestSupport.randomArray(step, new Random(2), new Shape(2, 3, 128, 128));
                NDArray out = TestSupport.forward(generator, step, x, true);
                collector.backward(out.sub(x).abs().mean());
            }
            assertThat(manager.getManagedArrays()).as("arrays owned by the model's manager").hasSize(before);
            for (StateDictEntry entry : generator.stateDict()) {
                if (entry.buffer()) {
                    continue;
                }
                try (NDManager scratch = manager.newSubManager()) {
                    NDArray gradient = entry.parameter().getArray().getGradient();
                    gradient.attach(scratch);
                    float magnitude = gradient.abs().sum().getFloat();
                    assertThat(magnitude).as("gradient of %s", entry.key()).isFinite();
                    // A bias right before instance norm is cancelled by the mean subtraction, so only weights must move.
                    if (entry.parameter().getType() == Parameter.Type.WEIGHT) {
                        assertThat(magnitude).as("gradient of %s", entry.key()).isPositive();
                    }
                }
            }
            assertThat(manager.getManagedArrays()).hasSize(before);
        }
    }

    @Test
    void dropoutShiftsTheSecondConvolutionOfEachResnetBlock() {
        CycleGanNetwork generator = Networks.generator(GeneratorSpec.defaults().withDropout(true));
        assertThat(generator.stateDict())
                .extracting(StateDictEntry::key)
                .contains("model.10.conv_block.6.weight")
                .doesNotContain("model.10.conv_block.5.weight");
    }

    @Test
    void withoutNormTheReferenceDropsConvolutionBiases() {
        CycleGanNetwork generator = Networks.generator(GeneratorSpec.defaults().withNorm(NormType.NONE));
        assertThat(generator.stateDict())
                .extracting(StateDictEntry::key)
                .contains("model.1.weight", "model.26.bias")
                .doesNotContain("model.1.bias", "model.4.bias", "model.19.bias");
    }

    @Test
    void unetSkipCarriesTheActivatedInputLikeTheReferencesInPlaceLeakyRelu() {
        try (NDManager manager = NDManager.newBaseManager()) {
            UnetSkipConnectionBlock block = UnetSkipConnectionBlock.innermost(2, 3, NormType.NONE);
            Shape shape = new Shape(1, 2, 4, 4);
            block.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, shape);
            NDArray x = TestSupport.randomArray(manager, new Random(4), shape);
            NDArray out = TestSupport.forward(block, manager, x, false);
            assertThat(out.getShape()).isEqualTo(new Shape(1, 4, 4, 4));
            float[] skip = out.get(":, :2").toFloatArray();
            float[] expected = Activation.leakyRelu(x, 0.2f).toFloatArray();
            assertThat(skip).containsExactly(expected, within(1e-6f));
        }
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        GeneratorSpec spec = tinyGenerator(GeneratorArchitecture.RESNET_6BLOCKS);
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] first = Networks.generator(spec, manager, 7).stateDict().get(0).parameter().getArray()
                    .toFloatArray();
            float[] again = Networks.generator(spec, manager, 7).stateDict().get(0).parameter().getArray()
                    .toFloatArray();
            float[] other = Networks.generator(spec, manager, 8).stateDict().get(0).parameter().getArray()
                    .toFloatArray();
            assertThat(again).containsExactly(first);
            assertThat(other).isNotEqualTo(first);
        }
    }

    @Test
    void specsRejectInvalidValues() {
        assertThatThrownBy(() -> GeneratorSpec.defaults().withNgf(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ngf");
        assertThatThrownBy(() -> GeneratorSpec.defaults().withInit(InitType.NORMAL, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("initGain");
        assertThatThrownBy(() -> DiscriminatorSpec.defaults().withLayers(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nLayers");
        assertThatThrownBy(() -> DiscriminatorSpec.defaults().withNorm(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void basicIgnoresTheLayerCountLikeTheReference() {
        DiscriminatorSpec spec = DiscriminatorSpec.defaults().withLayers(5);
        assertThat(spec.effectiveLayers()).isEqualTo(3);
        assertThat(Networks.discriminator(spec).parameterCount()).isEqualTo(2_764_737L);
    }
}
