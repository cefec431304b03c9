package io.github.cyclegan.training;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import ai.djl.ndarray.NDArray;

/**
 * The adversarial objective ({@code --gan_mode}). Each computes the loss of a discriminator
 * prediction against "real" or "fake", as the reference's {@code GANLoss} does.
 */
public enum GanMode {
    /** Least squares: MSE against a constant 1 (real) or 0 (fake) patch map. The reference default. */
    LSGAN("lsgan") {
        @Override
        public NDArray loss(NDArray prediction, boolean targetIsReal) {
            NDArray diff = targetIsReal ? prediction.sub(GraphScalars.of(prediction, 1)) : prediction;
            return diff.square().mean();
        }
    },
    /** The original GAN: binary cross-entropy on logits, in its numerically stable form. */
    VANILLA("vanilla") {
        @Override
        public NDArray loss(NDArray prediction, boolean targetIsReal) {
            // BCEWithLogits(x, t) = max(x, 0) - x * t + log(1 + exp(-|x|))
            NDArray stable = prediction.maximum(GraphScalars.of(prediction, 0))
                    .add(prediction.abs().neg().exp().add(GraphScalars.of(prediction, 1)).log());
            return (targetIsReal ? stable.sub(prediction) : stable).mean();
        }
    },
    /**
     * Wasserstein: -mean(D(real)) and +mean(D(fake)); {@link CycleGanModel} adds the {@link GradientPenalty}
     * to each discriminator's loss in this mode.
     */
    WGANGP("wgangp") {
        @Override
        public NDArray loss(NDArray prediction, boolean targetIsReal) {
            NDArray mean = prediction.mean();
            return targetIsReal ? mean.neg() : mean;
        }
    };

    private final String referenceName;

    GanMode(String referenceName) {
        this.referenceName = referenceName;
    }

    /** The scalar loss for {@code prediction} (any shape) judged against real or fake. */
    public abstract NDArray loss(NDArray prediction, boolean targetIsReal);

    public String referenceName() {
        return referenceName;
    }

    public static GanMode fromName(String name) {
        String wanted = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.referenceName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown gan mode '" + name + "'; expected one of "
                        + Arrays.stream(values()).map(GanMode::referenceName).collect(Collectors.joining(", "))));
    }
}
