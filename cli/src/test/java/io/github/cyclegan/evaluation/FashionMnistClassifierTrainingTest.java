package io.github.cyclegan.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cyclegan.image.ChwImage;
import io.github.cyclegan.weights.NamedTensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FashionMnistClassifierTrainingTest {

    private static final FashionMnistClassifierTraining.Options ONE_EPOCH =
            new FashionMnistClassifierTraining.Options(1, 20, 1e-3, 7);

    @Test
    void oneEpochLowersTheLossAndKeepsOnlyWeightsAndOptimiserState() {
        LabelledImages sample = TestImages.classifierSampleAsIdx();
        List<Double> batchLosses = new ArrayList<>();
        double before;
        double after;
        try (FashionMnistClassifier untrained = FashionMnistClassifier.fromStateDict(
                byName(FashionMnistClassifierTraining.initialWeights(ONE_EPOCH.seed())))) {
            before = crossEntropy(untrained, sample);
        }
        try (FashionMnistClassifierTraining training = new FashionMnistClassifierTraining(ONE_EPOCH)) {
            assertThat(training.managedArrayCount()).as("8 weights, 2 Adam moments each").isEqualTo(24);
            training.train(sample, (epoch, batch, batches, loss) -> batchLosses.add(loss));
            assertThat(training.managedArrayCount()).as("no arrays left behind by 15 steps").isEqualTo(24);
            try (FashionMnistClassifier trained = training.classifier()) {
                after = crossEntropy(trained, sample);
            }
        }

        System.out.printf("sample cross-entropy %.4f before, %.4f after one epoch%n", before, after);
        assertThat(batchLosses).hasSize(15);
        // Ten classes at random start near ln 10 = 2.30; one epoch over 300 images must make clear progress.
        assertThat(before).isBetween(2.0, 2.6);
        assertThat(after).isLessThan(before - 0.5);
    }

    @Test
    void aSeedReproducesTheRun() {
        LabelledImages sample = TestImages.classifierSampleAsIdx();
        List<NamedTensor> first;
        try (FashionMnistClassifierTraining training = new FashionMnistClassifierTraining(ONE_EPOCH)) {
            training.train(sample, (epoch, batch, batches, loss) -> { });
            first = training.weights();
        }
        try (FashionMnistClassifierTraining training = new FashionMnistClassifierTraining(ONE_EPOCH)) {
            training.train(sample, (epoch, batch, batches, loss) -> { });
            assertThat(training.weights()).isEqualTo(first);
        }
    }

    /** Mean -ln p(label) over the set, from the classifier's probabilities. */
    private static double crossEntropy(DomainClassifier classifier, LabelledImages data) {
        List<ChwImage> images = new ArrayList<>();
        for (int i = 0; i < data.count(); i++) {
            images.add(data.image(i));
        }
        List<float[]> probabilities = classifier.probabilities(images);
        double sum = 0;
        for (int i = 0; i < data.count(); i++) {
            sum -= Math.log(probabilities.get(i)[data.label(i)]);
        }
        return sum / data.count();
    }

    private static Map<String, NamedTensor> byName(List<NamedTensor> tensors) {
        Map<String, NamedTensor> map = new LinkedHashMap<>();
        tensors.forEach(t -> map.put(t.name(), t));
        return map;
    }
}
