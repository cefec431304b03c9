package io.github.cyclegan.training;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The WGAN-GP gradient penalty (Gulrajani et al. 2017) as the reference's {@code cal_gradient_penalty}
 * computes it with its defaults (type {@code mixed}, constant 1, lambda_gp 10):
 * {@code x = alpha real + (1 - alpha) fake} with one uniform alpha per sample, and
 * {@code lambda * mean_i((||dD(x)/dx_i + 1e-16||_2 - constant)^2)}. The input gradient is itself
 * differentiable, so a backward pass through the penalty reaches D's parameters (a gradient of a gradient).
 *
 * <p>DJL's Java API has {@code backward(createGraph=true)} but no {@code torch.autograd.grad}. Such a
 * backward stores graph-carrying gradients in every leaf's {@code .grad}, which DJL cannot reset to
 * {@code None}: the leaf and its gradient's graph then hold each other, and every iteration leaks its
 * graph (libtorch warns about this cycle). The input gradient therefore comes from a bundled TorchScript
 * module ({@code input_gradient.pt}, made by {@code engine/src/main/torchscript/make_input_gradient.py},
 * no weights) that calls {@code torch.autograd.grad(create_graph=True, retain_graph=True)} on the graph
 * DJL recorded; no leaf's {@code .grad} is touched.
 *
 * <p>Call it while a gradient collector is open, before the backward pass of the loss it is added to;
 * that backward pass frees the retained graph.
 */
public final class GradientPenalty implements AutoCloseable {

    /** The reference's {@code lambda_gp}. */
    public static final double LAMBDA = 10.0;
    /** The reference's {@code constant}: the input-gradient norm the penalty pulls towards. */
    public static final double CONSTANT = 1.0;
    /** Added to every gradient element before the norm, as the reference does ("added eps"). */
    static final double EPS = 1e-16;

    private static final String MODULE = "input_gradient.pt";

    private final PtSymbolBlock inputGradient;

    /** Loads the input-gradient module; it is freed by {@link #close()} or with {@code manager}. */
    public GradientPenalty(NDManager manager) {
        try (InputStream in = GradientPenalty.class.getResourceAsStream(MODULE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + MODULE + " is missing from the engine's jar");
            }
            inputGradient = JniUtils.loadModule((PtNDManager) manager, in, false, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + MODULE, e);
        }
    }

    /**
     * The penalty of {@code discriminator} between {@code real} and {@code fake} (N×C×H×W, treated as
     * constants), with one mixing weight per sample drawn from {@code rng} as float32 of
     * {@code nextDouble()} (the reference draws them with {@code torch.rand}).
     */
    public NDArray compute(UnaryOperator<NDArray> discriminator, NDArray real, NDArray fake, RandomGenerator rng) {
        float[] alpha = new float[Math.toIntExact(real.getShape().get(0))];
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = (float) rng.nextDouble();
        }
        return compute(discriminator, real, fake, alpha);
    }

    /** The penalty with the given per-sample mixing weights: {@code alpha[i]} of real, {@code 1 - alpha[i]} of fake. */
    NDArray compute(UnaryOperator<NDArray> discriminator, NDArray real, NDArray fake, float[] alpha) {
        Shape shape = real.getShape();
        if (!shape.equals(fake.getShape()) || shape.dimension() != 4 || shape.get(0) != alpha.length) {
            throw new IllegalArgumentException("gradient penalty needs real and fake of one N×C×H×W shape and N mixing "
                    + "weights; got " + shape + ", " + fake.getShape() + " and " + alpha.length);
        }
        NDManager manager = real.getManager();
        NDArray interpolates;
        // duplicate() gives libtorch-owned memory; the Java-backed array is closed right away.
        try (NDArray javaBacked = manager.create(alpha, new Shape(alpha.length, 1, 1, 1))) {
            NDArray a = javaBacked.duplicate();
            NDArray realPart = real.stopGradient().mul(a);
            NDArray fakePart = fake.stopGradient().mul(GraphScalars.of(a, 1).sub(a));
            interpolates = realPart.add(fakePart);
        }
        interpolates.setRequiresGradient(true);
        NDArray gradients = inputGradient(discriminator.apply(interpolates), interpolates).reshape(alpha.length, -1);
        NDArray norms = gradients.add(GraphScalars.of(gradients, EPS)).norm(new int[] {1});
        NDArray penalty = norms.sub(GraphScalars.of(norms, CONSTANT)).square().mean();
        return GraphScalars.times(penalty, LAMBDA);
    }

    /**
     * {@code d sum(output) / d input} as a differentiable array ({@code create_graph}); the graph from
     * {@code input} to {@code output} is kept for a later backward pass.
     */
    NDArray inputGradient(NDArray output, NDArray input) {
        // Unnamed arrays pass to the module as plain tensors (DJL reads list and map inputs from names).
        if (output.getName() != null || input.getName() != null) {
            throw new IllegalArgumentException("input gradient of named arrays " + output.getName() + ", " + input.getName());
        }
        return IValueUtils.forward(inputGradient, new NDList(output, input), true).singletonOrThrow();
    }

    @Override
    public void close() {
        inputGradient.close();
    }
}
