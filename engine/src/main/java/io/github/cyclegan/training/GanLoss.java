package io.github.cyclegan.training;

import ai.djl.ndarray.NDArray;
import io.github.cyclegan.messaging.options.GanMode;

/**
 * The loss of a discriminator prediction against "real" or "fake" for a {@link GanMode}, as the
 * reference's {@code GANLoss} computes it.
 */
@FunctionalInterface
public interface GanLoss {

    /** The scalar loss for {@code prediction} (any shape) judged against real or fake. */
    NDArray loss(NDArray prediction, boolean targetIsReal);

    static GanLoss of(GanMode mode) {
        return switch (mode) {
            case LSGAN -> GanLoss::leastSquares;
            case VANILLA -> GanLoss::crossEntropy;
            case WGANGP -> GanLoss::wasserstein;
        };
    }

    /** MSE against a constant 1 (real) or 0 (fake) patch map. */
    private static NDArray leastSquares(NDArray prediction, boolean targetIsReal) {
        NDArray diff = targetIsReal ? prediction.sub(GraphScalars.of(prediction, 1)) : prediction;
        return diff.square().mean();
    }

    /** Binary cross-entropy on logits, in its numerically stable form. */
    private static NDArray crossEntropy(NDArray prediction, boolean targetIsReal) {
        // BCEWithLogits(x, t) = max(x, 0) - x * t + log(1 + exp(-|x|))
        NDArray stable = prediction.maximum(GraphScalars.of(prediction, 0))
                .add(prediction.abs().neg().exp().add(GraphScalars.of(prediction, 1)).log());
        return (targetIsReal ? stable.sub(prediction) : stable).mean();
    }

    /**
     * -mean(D(real)) and +mean(D(fake)); {@link CycleGanModel} adds the {@link GradientPenalty} to each
     * discriminator's loss in this mode.
     */
    private static NDArray wasserstein(NDArray prediction, boolean targetIsReal) {
        NDArray mean = prediction.mean();
        return targetIsReal ? mean.neg() : mean;
    }
}
