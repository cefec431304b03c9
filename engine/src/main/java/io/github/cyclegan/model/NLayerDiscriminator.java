package io.github.cyclegan.model;

import ai.djl.ndarray.types.Shape;
import io.github.cyclegan.messaging.options.InitType;
import io.github.cyclegan.messaging.options.NormType;

/**
 * The reference's NLayerDiscriminator (PatchGAN): n stride-2 4x4 convolutions, one stride-1, then a 1-channel
 * map of logits (no sigmoid). Channel multipliers cap at 8*ndf.
 */
public final class NLayerDiscriminator extends CycleGanNetwork {

    private static final float SLOPE = 0.2f;
    private static final int MAX_MULT = 8;

    private final int inputNc;
    private final int layers;

    public NLayerDiscriminator(int inputNc, int ndf, int layers, NormType norm, InitType init, double initGain) {
        super("model", build(inputNc, ndf, layers, norm), init, initGain);
        this.inputNc = inputNc;
        this.layers = layers;
    }

    private static TorchSequential build(int inputNc, int ndf, int layers, NormType norm) {
        boolean useBias = norm.convolutionsUseBias();
        TorchSequential model = new TorchSequential()
                .add(new Conv2dLayer(inputNc, ndf, 4, 2, 1, true))
                .add(Pointwise.leakyRelu(SLOPE));
        int mult = 1;
        for (int n = 1; n < layers; n++) {
            int previous = mult;
            mult = multiplier(n);
            model.add(new Conv2dLayer(ndf * previous, ndf * mult, 4, 2, 1, useBias))
                    .add(Layers.norm(norm, ndf * mult))
                    .add(Pointwise.leakyRelu(SLOPE));
        }
        int previous = mult;
        mult = multiplier(layers);
        return model.add(new Conv2dLayer(ndf * previous, ndf * mult, 4, 1, 1, useBias))
                .add(Layers.norm(norm, ndf * mult))
                .add(Pointwise.leakyRelu(SLOPE))
                .add(new Conv2dLayer(ndf * mult, 1, 4, 1, 1, true));
    }

    /** The reference's {@code min(2 ** n, 8)}. */
    private static int multiplier(int n) {
        return n >= 3 ? MAX_MULT : 1 << n;
    }

    @Override
    protected Shape nominalInputShape() {
        // Each stride-2 layer halves the size and the two stride-1 layers take 1 pixel each.
        long size = Math.max(256, 4L << Math.min(layers, 24));
        return new Shape(1, inputNc, size, size);
    }
}
