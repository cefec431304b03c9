package io.github.cyclegan.messaging.options;

/** Discriminator architectures of the reference's {@code --netD} option. */
public enum DiscriminatorArchitecture implements OptionName {
    /** 70x70 PatchGAN: an n-layer discriminator whose layer count is fixed at 3. */
    BASIC("basic"),
    N_LAYERS("n_layers"),
    /** 1x1 PixelGAN. */
    PIXEL("pixel");

    private final String optionName;

    DiscriminatorArchitecture(String optionName) {
        this.optionName = optionName;
    }

    @Override
    public String optionName() {
        return optionName;
    }
}
