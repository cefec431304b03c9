package io.github.cyclegan.model;

import ai.djl.ndarray.types.Shape;
import io.github.cyclegan.messaging.options.InitType;
import io.github.cyclegan.messaging.options.NormType;

/**
 * The reference's UnetGenerator: {@code downs} stride-2 levels built from the innermost block outwards.
 * H and W must be multiples of 2^downs (256 for unet_256, 128 for unet_128).
 */
public final class UnetGenerator extends CycleGanNetwork {

    private final int inputNc;
    private final int downs;

    public UnetGenerator(int inputNc, int outputNc, int downs, int ngf, NormType norm, boolean dropout, InitType init,
            double initGain) {
        super("model", build(inputNc, outputNc, downs, ngf, norm, dropout), init, initGain);
        this.inputNc = inputNc;
        this.downs = downs;
    }

    private static UnetSkipConnectionBlock build(int inputNc, int outputNc, int downs, int ngf, NormType norm,
            boolean dropout) {
        if (downs < 5) {
            throw new IllegalArgumentException("A U-Net generator needs at least 5 downsamplings, got " + downs);
        }
        UnetSkipConnectionBlock block = UnetSkipConnectionBlock.innermost(ngf * 8, ngf * 8, norm);
        for (int i = 0; i < downs - 5; i++) {
            block = UnetSkipConnectionBlock.intermediate(ngf * 8, ngf * 8, block, norm, dropout);
        }
        block = UnetSkipConnectionBlock.intermediate(ngf * 4, ngf * 8, block, norm, false);
        block = UnetSkipConnectionBlock.intermediate(ngf * 2, ngf * 4, block, norm, false);
        block = UnetSkipConnectionBlock.intermediate(ngf, ngf * 2, block, norm, false);
        return UnetSkipConnectionBlock.outermost(outputNc, ngf, inputNc, block, norm);
    }

    @Override
    protected Shape nominalInputShape() {
        long size = Math.max(256, 1L << downs);
        return new Shape(1, inputNc, size, size);
    }
}
