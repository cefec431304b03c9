package io.github.cyclegan.messaging.options;

/** Normalisation layer used between convolutions, named as the reference's {@code --norm} option. */
public enum NormType implements OptionName {
    INSTANCE("instance"),
    BATCH("batch"),
    NONE("none");

    private final String optionName;

    NormType(String optionName) {
        this.optionName = optionName;
    }

    @Override
    public String optionName() {
        return optionName;
    }

    /**
     * Whether convolutions followed by this norm carry a bias. The reference compares the norm
     * factory with {@code nn.InstanceNorm2d}, so only instance norm gets a bias; with "none" the
     * factory is a lambda and the comparison is false as well.
     */
    public boolean convolutionsUseBias() {
        return this == INSTANCE;
    }
}
