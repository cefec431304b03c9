package io.github.cyclegan.training;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The WGAN-GP gradient penalty (Gulrajani et al. 2017), as the reference's
 * {@code cal_gradient_penalty}: {@code lambda * mean((||dD(x)/dx + 1e-16||_2 - constant)^2)} over
 * x = real, fake, or a random per-sample mix of both. The reference's CycleGAN does not call it;
 * it is here for wgangp experiments.
 *
 * <p>DJL has no {@code torch.autograd.grad}, so the input gradient comes from a backward pass that
 * keeps its graph ({@code create_graph=True}). That pass also adds to the discriminator's parameter
 * gradients, which are therefore zeroed again: compute the penalty before any other backward pass
 * of the discriminator step, inside its gradient collector, and add it to the loss.
 */
public final class GradientPenalty {

    /** Where the penalty is evaluated (--gp type in the reference). */
    public enum Mode { REAL, FAKE, MIXED;

        public static Mode fromName(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    private GradientPenalty() {
    }

    /**
     * @param discriminator       D's forward pass
     * @param discriminatorParams D's parameters, whose gradients are zeroed after the input-gradient pass
     * @param rng                 draws the per-sample mixing weights for {@link Mode#MIXED}
     */
    public static NDArray compute(UnaryOperator<NDArray> discriminator, List<NDArray> discriminatorParams,
            NDArray real, NDArray fake, Mode mode, double constant, double lambda, RandomGenerator rng) {
        long batch = real.getShape().get(0);
        NDArray points = switch (mode) {
            case REAL -> real.stopGradient();
            case FAKE -> fake.stopGradient();
            case MIXED -> mix(real.stopGradient(), fake.stopGradient(), rng);
        };
        NDArray input = points.duplicate();
        input.setRequiresGradient(true);
        NDArray output = discriminator.apply(input);
        NDArray ones = output.getManager().ones(output.getShape(), output.getDataType());
        JniUtils.backward((PtNDArray) output, (PtNDArray) ones, true, true);
        for (NDArray param : discriminatorParams) {
            JniUtils.zeroGrad((PtNDArray) param);
        }
        NDArray gradients = input.getGradient().reshape(batch, -1);
        NDArray norms = gradients.add(GraphScalars.of(gradients, 1e-16)).norm(new int[] {1});
        NDArray penalty = norms.sub(GraphScalars.of(norms, constant)).square().mean();
        return GraphScalars.times(penalty, lambda);
    }

    private static NDArray mix(NDArray real, NDArray fake, RandomGenerator rng) {
        long batch = real.getShape().get(0);
        float[] weights = new float[Math.toIntExact(batch)];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) rng.nextDouble();
        }
        Shape perSample = new Shape(batch, 1, 1, 1);
        // duplicate() gives libtorch-owned memory; the Java-backed array is closed right away.
        NDArray alpha;
        try (NDArray javaBacked = real.getManager().create(weights, perSample)) {
            alpha = javaBacked.duplicate();
        }
        NDArray oneMinusAlpha = GraphScalars.of(alpha, 1).sub(alpha);
        return real.mul(alpha).add(fake.mul(oneMinusAlpha));
    }
}
