package io.github.cyclegan.messaging.options;

/** Weight initialisation scheme, named as the reference's {@code --init_type} option. */
public enum InitType implements OptionName {
    NORMAL("normal"),
    XAVIER("xavier"),
    KAIMING("kaiming"),
    ORTHOGONAL("orthogonal");

    private final String optionName;

    InitType(String optionName) {
        this.optionName = optionName;
    }

    @Override
    public String optionName() {
        return optionName;
    }
}
