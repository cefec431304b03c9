package io.github.cyclegan.evaluation;

import io.github.cyclegan.image.ChwImage;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What one test image went through: its translation {@code G(x)} and reconstruction {@code F(G(x))}, the cycle
 * metrics (PSNR +Infinity when the reconstruction is exact), the class the classifier gave the translation (empty
 * without a classifier), and the paired metrics of the translation against the other domain's image of the same
 * name (empty when there is none).
 */
public record ImageResult(String name, ChwImage input, ChwImage translation, ChwImage reconstruction,
        double cyclePsnr, double cycleSsim, OptionalInt predictedClass, OptionalDouble pairedPsnr,
        OptionalDouble pairedSsim) {
}
