package io.github.cyclegan.evaluation;

import io.github.cyclegan.image.ChwImage;
import java.util.List;

/**
 * Tells which class an image belongs to, so that translations can be scored by whether they land in the target
 * domain's class (the "FCN score" idea of the CycleGAN paper, with a classifier instead of a segmenter).
 */
public interface DomainClassifier {

    /** How many classes the probabilities cover. */
    int classCount();

    /** Class probabilities (summing to 1) for each image, in input order; images are [-1, 1] as network tensors. */
    List<float[]> probabilities(List<ChwImage> images);

    /** The most probable class of each image, the lowest index on ties. */
    default int[] predict(List<ChwImage> images) {
        List<float[]> probabilities = probabilities(images);
        int[] classes = new int[probabilities.size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = argMax(probabilities.get(i));
        }
        return classes;
    }

    default int predict(ChwImage image) {
        return predict(List.of(image))[0];
    }

    /** The index of the largest value, the first one on ties. */
    static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
