package io.github.cyclegan.model;

import ai.djl.ndarray.NDManager;

/** Builds the reference's networks from their specs (define_G / define_D). */
public final class Networks {

    private Networks() {}

    /** An uninitialised generator; call {@link CycleGanNetwork#initializeWeights} before use. */
    public static CycleGanNetwork generator(GeneratorSpec spec) {
        return switch (spec.architecture()) {
            case RESNET_9BLOCKS -> resnet(spec, 9);
            case RESNET_6BLOCKS -> resnet(spec, 6);
            case UNET_256 -> unet(spec, 8);
            case UNET_128 -> unet(spec, 7);
        };
    }

    /** A generator whose parameters live in {@code manager}, initialised from {@code seed}. */
    public static CycleGanNetwork generator(GeneratorSpec spec, NDManager manager, long seed) {
        CycleGanNetwork network = generator(spec);
        network.initializeWeights(manager, seed);
        return network;
    }

    /** An uninitialised discriminator; call {@link CycleGanNetwork#initializeWeights} before use. */
    public static CycleGanNetwork discriminator(DiscriminatorSpec spec) {
        return switch (spec.architecture()) {
            case BASIC, N_LAYERS -> new NLayerDiscriminator(spec.inputNc(), spec.ndf(), spec.effectiveLayers(),
                    spec.norm(), spec.init(), spec.initGain());
            case PIXEL -> new PixelDiscriminator(spec.inputNc(), spec.ndf(), spec.norm(), spec.init(), spec.initGain());
        };
    }

    /** A discriminator whose parameters live in {@code manager}, initialised from {@code seed}. */
    public static CycleGanNetwork discriminator(DiscriminatorSpec spec, NDManager manager, long seed) {
        CycleGanNetwork network = discriminator(spec);
        network.initializeWeights(manager, seed);
        return network;
    }

    private static CycleGanNetwork resnet(GeneratorSpec spec, int blocks) {
        return new ResnetGenerator(spec.inputNc(), spec.outputNc(), spec.ngf(), spec.norm(), spec.dropout(), blocks,
                spec.init(), spec.initGain());
    }

    private static CycleGanNetwork unet(GeneratorSpec spec, int downs) {
        return new UnetGenerator(spec.inputNc(), spec.outputNc(), downs, spec.ngf(), spec.norm(), spec.dropout(),
                spec.init(), spec.initGain());
    }
}
