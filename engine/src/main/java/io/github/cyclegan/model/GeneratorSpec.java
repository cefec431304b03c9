package io.github.cyclegan.model;

import java.util.Objects;

import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.messaging.options.InitType;
import io.github.cyclegan.messaging.options.NormType;

/**
 * Immutable description of a generator, mirroring the reference's {@code define_G} arguments.
 *
 * @param architecture {@code --netG}
 * @param inputNc channels of the input image
 * @param outputNc channels of the output image
 * @param ngf filters of the first convolution
 * @param norm normalisation between convolutions
 * @param dropout Dropout(0.5) in ResNet blocks and in the inner U-Net blocks
 * @param init weight initialisation scheme
 * @param initGain gain (standard deviation for {@link InitType#NORMAL}); unused by kaiming, as in the reference
 */
public record GeneratorSpec(
        GeneratorArchitecture architecture,
        int inputNc,
        int outputNc,
        int ngf,
        NormType norm,
        boolean dropout,
        InitType init,
        double initGain) {

    public GeneratorSpec {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(norm, "norm");
        Objects.requireNonNull(init, "init");
        requirePositive(inputNc, "inputNc");
        requirePositive(outputNc, "outputNc");
        requirePositive(ngf, "ngf");
        if (!(initGain > 0) || Double.isInfinite(initGain)) {
            throw new IllegalArgumentException("initGain must be a positive finite number, got " + initGain);
        }
    }

    /** The CycleGAN defaults: resnet_9blocks, 3 to 3 channels, ngf 64, instance norm, no dropout, normal(0.02). */
    public static GeneratorSpec defaults() {
        return new GeneratorSpec(GeneratorArchitecture.RESNET_9BLOCKS, 3, 3, 64, NormType.INSTANCE, false,
                InitType.NORMAL, 0.02);
    }

    public GeneratorSpec withArchitecture(GeneratorArchitecture value) {
        return new GeneratorSpec(value, inputNc, outputNc, ngf, norm, dropout, init, initGain);
    }

    public GeneratorSpec withChannels(int in, int out) {
        return new GeneratorSpec(architecture, in, out, ngf, norm, dropout, init, initGain);
    }

    public GeneratorSpec withNgf(int value) {
        return new GeneratorSpec(architecture, inputNc, outputNc, value, norm, dropout, init, initGain);
    }

    public GeneratorSpec withNorm(NormType value) {
        return new GeneratorSpec(architecture, inputNc, outputNc, ngf, value, dropout, init, initGain);
    }

    public GeneratorSpec withDropout(boolean value) {
        return new GeneratorSpec(architecture, inputNc, outputNc, ngf, norm, value, init, initGain);
    }

    public GeneratorSpec withInit(InitType type, double gain) {
        return new GeneratorSpec(architecture, inputNc, outputNc, ngf, norm, dropout, type, gain);
    }

    static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
