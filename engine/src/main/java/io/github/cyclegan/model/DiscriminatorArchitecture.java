package io.github.cyclegan.model;

import java.util.Arrays;

/** Discriminator architectures of the reference's {@code --netD} option. */
public enum DiscriminatorArchitecture {
    /** 70x70 PatchGAN: an n-layer discriminator whose layer count is fixed at 3. */
    BASIC("basic"),
    N_LAYERS("n_layers"),
    /** 1x1 PixelGAN. */
    PIXEL("pixel");

    private final String optionName;

    DiscriminatorArchitecture(String optionName) {
        this.optionName = optionName;
    }

    public String optionName() {
        return optionName;
    }

    public static DiscriminatorArchitecture fromName(String name) {
        return Arrays.stream(values())
                .filter(v -> v.optionName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Discriminator model name '" + name
                        + "' is not recognized; expected one of " + Names.of(values(), DiscriminatorArchitecture::optionName)));
    }
}
