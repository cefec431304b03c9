package io.github.cyclegan.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.cyclegan.image.ChwImage;
import io.github.cyclegan.weights.NamedTensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FashionMnistClassifierTest {

    @Test
    void bundledClassifierRecognisesTheDemoSneakersAndBoots() {
        try (FashionMnistClassifier classifier = FashionMnistClassifier.bundled()) {
            double sneakers = share(classifier, TestImages.demo("testA"), FashionMnistClassifier.SNEAKER);
            double boots = share(classifier, TestImages.demo("testB"), FashionMnistClassifier.ANKLE_BOOT);

            System.out.printf("demo testA -> Sneaker %.2f, testB -> Ankle boot %.2f%n", sneakers, boots);
            assertThat(sneakers).isGreaterThanOrEqualTo(0.95);
            assertThat(boots).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void bundledClassifierReachesItsTestAccuracyOnTheTenClassSample() {
        List<NamedImage> sample = TestImages.classifierSample();
        try (FashionMnistClassifier classifier = FashionMnistClassifier.bundled()) {
            int[] predicted = classifier.predict(sample.stream().map(NamedImage::image).toList());
            int correct = 0;
            for (int i = 0; i < predicted.length; i++) {
                correct += predicted[i] == TestImages.labelOf(sample.get(i)) ? 1 : 0;
            }

            System.out.printf("10-class sample: %d of %d correct%n", correct, sample.size());
            assertThat(sample).hasSize(300);
            assertThat((double) correct / sample.size()).isGreaterThanOrEqualTo(0.88);
        }
    }

    @Test
    void probabilitiesSumToOneAndCallsLeaveNoArraysBehind() {
        List<ChwImage> images = TestImages.demo("testB").stream().map(NamedImage::image).toList();
        try (FashionMnistClassifier classifier = FashionMnistClassifier.bundled()) {
            for (int round = 0; round < 3; round++) {
                for (float[] p : classifier.probabilities(images)) {
                    double sum = 0;
                    for (float v : p) {
                        sum += v;
                    }
                    assertThat(sum).isCloseTo(1.0, within(1e-5));
                }
            }
            assertThat(classifier.managedArrayCount()).as("only the eight weights").isEqualTo(8);
        }
    }

    @Test
    void largerAndColourImagesAreMadeGrayAndAveragedDownTo28Pixels() {
        ChwImage gray = TestImages.demo("testA").get(0).image();
        // Each pixel becomes a 2x2 block of three equal channels: area averaging and the luma weights undo that.
        float[] big = new float[3 * 56 * 56];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 56; y++) {
                for (int x = 0; x < 56; x++) {
                    big[(c * 56 + y) * 56 + x] = gray.data()[(y / 2) * 28 + x / 2];
                }
            }
        }
        float[] input = FashionMnistClassifier.toInput(new ChwImage(3, 56, 56, big));

        assertThat(input).hasSize(28 * 28);
        for (int i = 0; i < input.length; i++) {
            assertThat(input[i]).isCloseTo(gray.data()[i], within(1e-6f));
        }
    }

    @Test
    void areaAveragingWeighsPartlyCoveredPixelsByTheirShare() {
        // 3 -> 2 pixels: output 0 covers input 0 fully and half of input 1.
        float[] out = AreaResize.resize(new float[] {0f, 3f, 6f}, 1, 3, 1, 2);

        assertThat(out[0]).isCloseTo((0f + 0.5f * 3f) / 1.5f, within(1e-6f));
        assertThat(out[1]).isCloseTo((0.5f * 3f + 6f) / 1.5f, within(1e-6f));
    }

    @Test
    void rejectsAStateDictOfAnotherShape() {
        Map<String, NamedTensor> weights = new HashMap<>();
        for (NamedTensor tensor : FashionMnistClassifierTraining.initialWeights(1)) {
            weights.put(tensor.name(), tensor);
        }
        weights.put("fc2.bias", new NamedTensor("fc2.bias", new long[] {9}, new float[9]));

        assertThatThrownBy(() -> FashionMnistClassifier.fromStateDict(weights))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fc2.bias has shape [9]");
    }

    private static double share(DomainClassifier classifier, List<NamedImage> images, int target) {
        List<ChwImage> list = new ArrayList<>();
        images.forEach(image -> list.add(image.image()));
        int hits = 0;
        for (int predicted : classifier.predict(list)) {
            hits += predicted == target ? 1 : 0;
        }
        return (double) hits / images.size();
    }
}
