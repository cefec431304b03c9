package io.github.cyclegan.model;

import java.util.Arrays;

/** Generator architectures of the reference's {@code --netG} option. */
public enum GeneratorArchitecture {
    RESNET_9BLOCKS("resnet_9blocks"),
    RESNET_6BLOCKS("resnet_6blocks"),
    UNET_256("unet_256"),
    UNET_128("unet_128");

    private final String optionName;

    GeneratorArchitecture(String optionName) {
        this.optionName = optionName;
    }

    public String optionName() {
        return optionName;
    }

    public static GeneratorArchitecture fromName(String name) {
        return Arrays.stream(values())
                .filter(v -> v.optionName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Generator model name '" + name
                        + "' is not recognized; expected one of " + Names.of(values(), GeneratorArchitecture::optionName)));
    }
}
