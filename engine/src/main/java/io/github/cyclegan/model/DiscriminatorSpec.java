package io.github.cyclegan.model;

import java.util.Objects;

import io.github.cyclegan.messaging.options.DiscriminatorArchitecture;
import io.github.cyclegan.messaging.options.InitType;
import io.github.cyclegan.messaging.options.NormType;

/**
 * Immutable description of a discriminator, mirroring the reference's {@code define_D} arguments.
 *
 * @param architecture {@code --netD}
 * @param inputNc channels of the judged image
 * @param ndf filters of the first convolution
 * @param nLayers {@code --n_layers_D}; only {@link DiscriminatorArchitecture#N_LAYERS} reads it
 * @param norm normalisation between convolutions
 * @param init weight initialisation scheme
 * @param initGain gain (standard deviation for {@link InitType#NORMAL}); unused by kaiming, as in the reference
 */
public record DiscriminatorSpec(
        DiscriminatorArchitecture architecture,
        int inputNc,
        int ndf,
        int nLayers,
        NormType norm,
        InitType init,
        double initGain) {

    /** Layers of the 70x70 PatchGAN that {@code basic} stands for. */
    public static final int BASIC_LAYERS = 3;

    public DiscriminatorSpec {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(norm, "norm");
        Objects.requireNonNull(init, "init");
        GeneratorSpec.requirePositive(inputNc, "inputNc");
        GeneratorSpec.requirePositive(ndf, "ndf");
        GeneratorSpec.requirePositive(nLayers, "nLayers");
        if (!(initGain > 0) || Double.isInfinite(initGain)) {
            throw new IllegalArgumentException("initGain must be a positive finite number, got " + initGain);
        }
    }

    /** The CycleGAN defaults: basic (70x70 PatchGAN), 3 channels, ndf 64, instance norm, normal(0.02). */
    public static DiscriminatorSpec defaults() {
        return new DiscriminatorSpec(DiscriminatorArchitecture.BASIC, 3, 64, BASIC_LAYERS, NormType.INSTANCE,
                InitType.NORMAL, 0.02);
    }

    /** The layer count the network is built with: {@code basic} ignores {@link #nLayers()}, as the reference does. */
    public int effectiveLayers() {
        return architecture == DiscriminatorArchitecture.BASIC ? BASIC_LAYERS : nLayers;
    }

    public DiscriminatorSpec withArchitecture(DiscriminatorArchitecture value) {
        return new DiscriminatorSpec(value, inputNc, ndf, nLayers, norm, init, initGain);
    }

    public DiscriminatorSpec withInputNc(int value) {
        return new DiscriminatorSpec(architecture, value, ndf, nLayers, norm, init, initGain);
    }

    public DiscriminatorSpec withNdf(int value) {
        return new DiscriminatorSpec(architecture, inputNc, value, nLayers, norm, init, initGain);
    }

    public DiscriminatorSpec withLayers(int value) {
        return new DiscriminatorSpec(architecture, inputNc, ndf, value, norm, init, initGain);
    }

    public DiscriminatorSpec withNorm(NormType value) {
        return new DiscriminatorSpec(architecture, inputNc, ndf, nLayers, value, init, initGain);
    }

    public DiscriminatorSpec withInit(InitType type, double gain) {
        return new DiscriminatorSpec(architecture, inputNc, ndf, nLayers, norm, type, gain);
    }
}
