package io.github.cyclegan.messaging.options;

/** The adversarial objective, named as the reference's {@code --gan_mode} option; the engine holds the losses. */
public enum GanMode implements OptionName {
    /** Least squares against a constant 1 (real) or 0 (fake). The reference default. */
    LSGAN("lsgan"),
    /** The original GAN: binary cross-entropy on logits. */
    VANILLA("vanilla"),
    /** Wasserstein. */
    WGANGP("wgangp");

    private final String optionName;

    GanMode(String optionName) {
        this.optionName = optionName;
    }

    @Override
    public String optionName() {
        return optionName;
    }
}
