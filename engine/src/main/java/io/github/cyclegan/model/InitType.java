package io.github.cyclegan.model;

import java.util.Arrays;
import java.util.Locale;

/** Weight initialisation scheme, named as the reference's {@code --init_type} option. */
public enum InitType {
    NORMAL("normal"),
    XAVIER("xavier"),
    KAIMING("kaiming"),
    ORTHOGONAL("orthogonal");

    private final String optionName;

    InitType(String optionName) {
        this.optionName = optionName;
    }

    public String optionName() {
        return optionName;
    }

    public static InitType fromName(String name) {
        String wanted = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(v -> v.optionName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "Unknown init type '" + name + "'; expected one of " + Names.of(values(), InitType::optionName)));
    }
}
