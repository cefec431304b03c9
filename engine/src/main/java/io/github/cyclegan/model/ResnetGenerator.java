package io.github.cyclegan.model;

import ai.djl.ndarray.types.Shape;
import io.github.cyclegan.messaging.options.InitType;
import io.github.cyclegan.messaging.options.NormType;

/**
 * The reference's ResnetGenerator with reflection padding: c7s1-ngf, two stride-2 downsamplings, n residual
 * blocks at 4*ngf, two transposed-convolution upsamplings, c7s1-output and tanh. H and W should be multiples of 4.
 */
public final class ResnetGenerator extends CycleGanNetwork {

    private final int inputNc;

    public ResnetGenerator(int inputNc, int outputNc, int ngf, NormType norm, boolean dropout, int blocks,
            InitType init, double initGain) {
        super("model", layers(inputNc, outputNc, ngf, norm, dropout, blocks), init, initGain);
        this.inputNc = inputNc;
    }

    private static TorchSequential layers(int inputNc, int outputNc, int ngf, NormType norm, boolean dropout,
            int blocks) {
        if (blocks < 0) {
            throw new IllegalArgumentException("blocks must not be negative, got " + blocks);
        }
        boolean useBias = norm.convolutionsUseBias();
        TorchSequential model = new TorchSequential()
                .add(new ReflectionPad2d(3))
                .add(new Conv2dLayer(inputNc, ngf, 7, 1, 0, useBias))
                .add(Layers.norm(norm, ngf))
                .add(Pointwise.relu());
        int downsamplings = 2;
        for (int i = 0; i < downsamplings; i++) {
            int mult = 1 << i;
            model.add(new Conv2dLayer(ngf * mult, ngf * mult * 2, 3, 2, 1, useBias))
                    .add(Layers.norm(norm, ngf * mult * 2))
                    .add(Pointwise.relu());
        }
        int mult = 1 << downsamplings;
        for (int i = 0; i < blocks; i++) {
            model.add(new ResnetBlock(ngf * mult, norm, dropout));
        }
        for (int i = 0; i < downsamplings; i++) {
            int m = 1 << (downsamplings - i);
            model.add(new ConvTranspose2dLayer(ngf * m, ngf * m / 2, 3, 2, 1, 1, useBias))
                    .add(Layers.norm(norm, ngf * m / 2))
                    .add(Pointwise.relu());
        }
        return model.add(new ReflectionPad2d(3))
                .add(new Conv2dLayer(ngf, outputNc, 7, 1, 0, true))
                .add(Pointwise.tanh());
    }

    @Override
    protected Shape nominalInputShape() {
        return new Shape(1, inputNc, 256, 256);
    }
}
