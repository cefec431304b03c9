package io.github.cyclegan.evaluation;

import io.github.cyclegan.image.ChwImage;

/**
 * One direction of a CycleGAN: an image of one domain in, its translation to the other out, both [-1, 1] network
 * tensors. Backed by a local {@code GeneratorModel} ({@code model::translate}) or by remote calls; the evaluator
 * calls it once per image, in input order, from the calling thread.
 */
@FunctionalInterface
public interface ImageTranslation {

    ChwImage apply(ChwImage image);
}
