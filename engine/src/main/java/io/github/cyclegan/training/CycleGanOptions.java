package io.github.cyclegan.training;

import java.util.Objects;

import io.github.cyclegan.messaging.options.GanMode;
import io.github.cyclegan.model.DiscriminatorSpec;
import io.github.cyclegan.model.GeneratorSpec;

/**
 * What defines a CycleGAN model and its optimisation, with the reference's defaults.
 *
 * @param generator      both generators (G_A: A to B, G_B: B to A; channel counts swap for G_B)
 * @param discriminator  both discriminators (D_A judges domain B, D_B judges domain A, as in the reference)
 * @param ganMode        adversarial objective (--gan_mode)
 * @param lambdaA        weight of the cycle loss A to B to A (--lambda_A)
 * @param lambdaB        weight of the cycle loss B to A to B (--lambda_B)
 * @param lambdaIdentity identity loss weight relative to lambdaA/lambdaB (--lambda_identity); 0 skips the identity passes
 * @param poolSize       images kept per direction for the discriminators (--pool_size); 0 disables the pool
 * @param beta1          Adam's first beta (--beta1); the second is 0.999
 * @param seed           seeds weight init, the image pools and every other random draw of the engine
 */
public record CycleGanOptions(GeneratorSpec generator, DiscriminatorSpec discriminator, GanMode ganMode,
        double lambdaA, double lambdaB, double lambdaIdentity, int poolSize, double beta1, long seed) {

    public static final double BETA2 = 0.999;
    public static final double ADAM_EPS = 1e-8;

    public CycleGanOptions {
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(discriminator, "discriminator");
        Objects.requireNonNull(ganMode, "ganMode");
        requireNonNegative(lambdaA, "lambdaA");
        requireNonNegative(lambdaB, "lambdaB");
        requireNonNegative(lambdaIdentity, "lambdaIdentity");
        if (poolSize < 0) {
            throw new IllegalArgumentException("poolSize must not be negative, got " + poolSize);
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        }
        if (lambdaIdentity > 0 && generator.inputNc() != generator.outputNc()) {
            throw new IllegalArgumentException("identity loss needs inputNc == outputNc (got " + generator.inputNc()
                    + " and " + generator.outputNc() + "); set lambdaIdentity to 0");
        }
    }

    /** The reference's CycleGAN defaults (resnet_9blocks, basic D, lsgan, lambdas 10/10/0.5, pool 50, beta1 0.5). */
    public static CycleGanOptions defaults() {
        return new CycleGanOptions(GeneratorSpec.defaults(), DiscriminatorSpec.defaults(), GanMode.LSGAN,
                10.0, 10.0, 0.5, 50, 0.5, 0L);
    }

    public CycleGanOptions withNetworks(GeneratorSpec g, DiscriminatorSpec d) {
        return new CycleGanOptions(g, d, ganMode, lambdaA, lambdaB, lambdaIdentity, poolSize, beta1, seed);
    }

    public CycleGanOptions withGanMode(GanMode value) {
        return new CycleGanOptions(generator, discriminator, value, lambdaA, lambdaB, lambdaIdentity, poolSize, beta1, seed);
    }

    public CycleGanOptions withPoolSize(int size) {
        return new CycleGanOptions(generator, discriminator, ganMode, lambdaA, lambdaB, lambdaIdentity, size, beta1, seed);
    }

    public CycleGanOptions withSeed(long value) {
        return new CycleGanOptions(generator, discriminator, ganMode, lambdaA, lambdaB, lambdaIdentity, poolSize, beta1, value);
    }

    /** G_B maps B back to A, so its channel counts are G_A's swapped. */
    public GeneratorSpec reverseGenerator() {
        return generator.withChannels(generator.outputNc(), generator.inputNc());
    }

    /** D_A judges generated B images, so it takes G_A's output channels (the spec's inputNc is ignored). */
    public DiscriminatorSpec discriminatorA() {
        return discriminator.withInputNc(generator.outputNc());
    }

    /** D_B judges generated A images, so it takes G_A's input channels. */
    public DiscriminatorSpec discriminatorB() {
        return discriminator.withInputNc(generator.inputNc());
    }

    private static void requireNonNegative(double value, String name) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
        }
    }
}
