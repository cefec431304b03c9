package io.github.cyclegan.serving;

import io.github.cyclegan.image.ChwImage;
import io.github.cyclegan.image.Images;
import io.github.cyclegan.image.ChwImage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.github.cyclegan.weights.DjlTensors;
import io.github.cyclegan.weights.NamedTensor;
import io.github.cyclegan.weights.SafetensorsWriter;
import io.github.cyclegan.model.CycleGanNetwork;
import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.model.GeneratorSpec;
import io.github.cyclegan.model.Networks;
import io.github.cyclegan.messaging.options.NormType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GeneratorModelTest {

    private static final GeneratorSpec RESNET = GeneratorSpec.defaults().withNgf(4);
    private static final GeneratorSpec UNET_128 = RESNET.withArchitecture(GeneratorArchitecture.UNET_128);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(value = GeneratorArchitecture.class, names = {"RESNET_9BLOCKS", "UNET_128"})
    void outputHasTheInputSizeForSizesThatAreNoMultiple(GeneratorArchitecture architecture) {
        GeneratorSpec spec = RESNET.withArchitecture(architecture).withChannels(3, 1);
        try (GeneratorModel model = GeneratorModel.randomlyInitialised(spec, 1)) {
            ChwImage out = model.translate(Images.random(new Random(2), 3, 37, 53));

            assertThat(out.channels()).isEqualTo(1);
            assertThat(out.height()).isEqualTo(37);
            assertThat(out.width()).isEqualTo(53);
            for (float value : out.data()) {
                assertThat(value).isBetween(-1f, 1f);
            }
        }
    }

    @Test
    void translatesImagesSmallerThanTheResnetBottleneckAllows() {
        try (GeneratorModel model = GeneratorModel.randomlyInitialised(RESNET, 21)) {
            Random random = new Random(22);
            for (int[] size : new int[][] {{1, 1}, {3, 5}, {2, 9}}) {
                ChwImage out = model.translate(Images.random(random, 3, size[0], size[1]));

                assertThat(new int[] {out.height(), out.width()}).containsExactly(size);
            }
        }
    }

    @Test
    void padsByReflectionAndCropsTheOutputOfThePaddedImage() {
        ChwImage image = Images.random(new Random(3), 3, 37, 53);
        // 37 x 53 reaches 40 x 56 with one mirrored row/column before and two after.
        ChwImage padded = mirrorPad(image, 1, 2, 1, 2);
        try (GeneratorModel model = GeneratorModel.randomlyInitialised(RESNET, 4)) {
            ChwImage direct = model.translate(image);
            ChwImage ofPadded = model.translate(padded);

            assertThat(direct.data()).containsExactly(crop(ofPadded, 1, 1, 37, 53).data());
        }
    }

    @Test
    void aBatchGivesWhatSingleImagesGive() {
        Random random = new Random(5);
        List<ChwImage> images = List.of(Images.random(random, 3, 20, 24), Images.random(random, 3, 20, 24),
                Images.random(random, 3, 20, 24));
        try (GeneratorModel model = GeneratorModel.randomlyInitialised(RESNET, 6)) {
            List<ChwImage> batch = model.translate(images);

            assertThat(batch).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(batch.get(i).data()).containsExactly(model.translate(images.get(i)).data(),
                        within(1e-5f));
            }
        }
    }

    @Test
    void weightsFromASafetensorsExportReproduceTheSourceNetwork() throws Exception {
        Path file = tmp.resolve("G_A.safetensors");
        ChwImage image = Images.random(new Random(7), 3, 32, 32);
        float[] expected;
        try (NDManager manager = NDManager.newBaseManager()) {
            CycleGanNetwork source = Networks.generator(UNET_128, manager, 8);
            List<NamedTensor> tensors = new ArrayList<>();
            source.exportStateDict(manager).values().forEach(array -> tensors.add(DjlTensors.fromNDArray(array)));
            SafetensorsWriter.write(file, tensors);
            // The plain DJL forward pass on the image padded as the model will pad it (32 -> 128).
            ChwImage padded = new ChwImage(3, 128, 128, new float[3 * 128 * 128]);
            ReflectPadding.toMultiple(32, 32, 128, 128).pad(image, padded.data(), 0);
            NDArray x = manager.create(padded.data(), new Shape(1, 3, 128, 128));
            NDArray y = source.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
            expected = crop(new ChwImage(3, 128, 128, y.toFloatArray()), 48, 48, 32, 32).data();
        }

        try (GeneratorModel model = GeneratorModel.fromFile(UNET_128, file);
                GeneratorModel other = GeneratorModel.randomlyInitialised(UNET_128, 9)) {
            assertThat(model.translate(image).data()).containsExactly(expected);
            assertThat(other.translate(image).data()).isNotEqualTo(expected);
        }
    }

    @Test
    void refusesWeightsOfAnotherArchitecture() {
        Map<String, NamedTensor> resnetWeights = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            Networks.generator(RESNET, manager, 23).exportStateDict(manager)
                    .forEach((key, array) -> resnetWeights.put(key, DjlTensors.fromNDArray(array)));
        }

        assertThatThrownBy(() -> GeneratorModel.fromStateDict(UNET_128, resnetWeights))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cannot load state dict")
                .hasMessageContaining("unexpected keys [model.1.bias");
    }

    @Test
    void rejectsInvalidBatchesWithMessagesThatSayWhy() {
        Random random = new Random(10);
        try (GeneratorModel model = GeneratorModel.randomlyInitialised(RESNET, 11)) {
            assertThatThrownBy(() -> model.translate(List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one image");
            assertThatThrownBy(() -> model.translate(Images.random(random, 1, 8, 8)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("image 0 has 1 channels; this generator expects 3");
            assertThatThrownBy(() -> model.translate(List.of(Images.random(random, 3, 8, 8),
                    Images.random(random, 3, 8, 12))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("image 1 is 8x12 but image 0 is 8x8");
        }
        assertThatThrownBy(() -> new ChwImage(3, 4, 4, new float[47]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 48 values, got 47");
        assertThatThrownBy(() -> new ChwImage(3, 0, 4, new float[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }

    @Test
    void recordsNoAutogradGraphEvenOnThreadsWhoseGradModeIsOn() {
        try (GeneratorModel model = GeneratorModel.randomlyInitialised(RESNET, 19);
                NDManager manager = NDManager.newBaseManager()) {
            CycleGanNetwork trainable = Networks.generator(RESNET, manager, 19);
            boolean gradMode = JniUtils.isGradMode();
            // libtorch's default on every thread but the one that started the engine.
            JniUtils.setGradMode(true);
            try {
                ChwImage image = Images.random(new Random(20), 3, 12, 12);
                NDArray x = manager.create(image.data(), new Shape(1, 3, 12, 12));
                NDArray y = trainable.forward(new ParameterStore(manager, false), new NDList(x), false)
                        .singletonOrThrow();
                assertThat(JniUtils.getGradientFunctionNames((PtNDArray) y))
                        .as("a network as training builds it records a graph in inference mode too").isNotEmpty();

                assertThat(model.translate(image).data()).containsExactly(y.toFloatArray());
                assertThat(model.recordsGradients()).isFalse();
            } finally {
                JniUtils.setGradMode(gradMode);
            }
        }
    }

    @Test
    void aClosedModelRefusesWork() {
        GeneratorModel model = GeneratorModel.randomlyInitialised(RESNET, 12);
        model.close();
        model.close();

        assertThatThrownBy(() -> model.translate(Images.random(new Random(13), 3, 8, 8)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void repeatedCallsLeaveNoArraysBehind() {
        NDManager system;
        try (NDManager probe = NDManager.newBaseManager()) {
            system = probe.getParentManager();
        }
        try (GeneratorModel model = GeneratorModel.randomlyInitialised(UNET_128.withNorm(NormType.BATCH), 14);
                GeneratorModel resnet = GeneratorModel.randomlyInitialised(RESNET, 15)) {
            Random random = new Random(16);
            model.translate(Images.random(random, 3, 9, 9));
            resnet.translate(Images.random(random, 3, 9, 9));
            int modelArrays = model.managedArrayCount();
            int resnetArrays = resnet.managedArrayCount();
            int everywhere = system.getManagedArrays().size();

            for (int i = 0; i < 10; i++) {
                model.translate(List.of(Images.random(random, 3, 9, 9), Images.random(random, 3, 9, 9)));
                resnet.translate(Images.random(random, 3, 10, 11));
            }

            assertThat(model.managedArrayCount()).isEqualTo(modelArrays);
            assertThat(resnet.managedArrayCount()).isEqualTo(resnetArrays);
            assertThat(system.getManagedArrays()).hasSize(everywhere);
        }
    }

    @Test
    void concurrentCallsGiveTheSameResultsAsSequentialOnes() throws Exception {
        Random random = new Random(17);
        List<ChwImage> images = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            images.add(Images.random(random, 3, 16, 20));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (GeneratorModel model = GeneratorModel.randomlyInitialised(RESNET, 18)) {
            List<float[]> sequential = new ArrayList<>();
            for (ChwImage image : images) {
                sequential.add(model.translate(image).data());
            }
            List<Callable<float[]>> tasks = new ArrayList<>();
            for (ChwImage image : images) {
                tasks.add(() -> model.translate(image).data());
            }

            List<Future<float[]>> concurrent = pool.invokeAll(tasks);

            for (int i = 0; i < images.size(); i++) {
                assertThat(concurrent.get(i).get()).containsExactly(sequential.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Pads by mirroring, written independently of {@link ReflectPadding}; each padding must be below the size. */
    private static ChwImage mirrorPad(ChwImage image, int top, int bottom, int left, int right) {
        int h = image.height();
        int w = image.width();
        int ph = h + top + bottom;
        int pw = w + left + right;
        float[] out = new float[image.channels() * ph * pw];
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < ph; y++) {
                for (int x = 0; x < pw; x++) {
                    int sy = mirror(y - top, h);
                    int sx = mirror(x - left, w);
                    out[(c * ph + y) * pw + x] = image.data()[(c * h + sy) * w + sx];
                }
            }
        }
        return new ChwImage(image.channels(), ph, pw, out);
    }

    private static int mirror(int i, int size) {
        return i < 0 ? -i : i >= size ? 2 * (size - 1) - i : i;
    }

    private static ChwImage crop(ChwImage image, int top, int left, int height, int width) {
        float[] out = new float[image.channels() * height * width];
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(image.data(), (c * image.height() + y + top) * image.width() + left, out,
                        (c * height + y) * width, width);
            }
        }
        return new ChwImage(image.channels(), height, width, out);
    }
}
