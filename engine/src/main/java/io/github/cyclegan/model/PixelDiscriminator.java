package io.github.cyclegan.model;

import ai.djl.ndarray.types.Shape;
import io.github.cyclegan.messaging.options.InitType;
import io.github.cyclegan.messaging.options.NormType;

/** The reference's PixelDiscriminator (1x1 PatchGAN): one logit per pixel. */
public final class PixelDiscriminator extends CycleGanNetwork {

    private static final float SLOPE = 0.2f;

    private final int inputNc;

    public PixelDiscriminator(int inputNc, int ndf, NormType norm, InitType init, double initGain) {
        super("net", build(inputNc, ndf, norm), init, initGain);
        this.inputNc = inputNc;
    }

    private static TorchSequential build(int inputNc, int ndf, NormType norm) {
        boolean useBias = norm.convolutionsUseBias();
        return new TorchSequential()
                .add(new Conv2dLayer(inputNc, ndf, 1, 1, 0, true))
                .add(Pointwise.leakyRelu(SLOPE))
                .add(new Conv2dLayer(ndf, ndf * 2, 1, 1, 0, useBias))
                .add(Layers.norm(norm, ndf * 2))
                .add(Pointwise.leakyRelu(SLOPE))
                .add(new Conv2dLayer(ndf * 2, 1, 1, 1, 0, useBias));
    }

    @Override
    protected Shape nominalInputShape() {
        return new Shape(1, inputNc, 256, 256);
    }
}
