package io.github.cyclegan.model;

import java.util.Arrays;
import java.util.Locale;

/** Normalisation layer used between convolutions, named as the reference's {@code --norm} option. */
public enum NormType {
    INSTANCE("instance"),
    BATCH("batch"),
    NONE("none");

    private final String optionName;

    NormType(String optionName) {
        this.optionName = optionName;
    }

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

    public static NormType fromName(String name) {
        String wanted = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(v -> v.optionName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "Unknown norm '" + name + "'; expected one of " + Names.of(values(), NormType::optionName)));
    }
}
