package io.github.cyclegan.training;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The reference's {@code --preprocess} choices. */
public enum PreprocessMode {
    RESIZE_AND_CROP("resize_and_crop"),
    CROP("crop"),
    SCALE_WIDTH("scale_width"),
    SCALE_WIDTH_AND_CROP("scale_width_and_crop"),
    NONE("none");

    private final String optionName;

    PreprocessMode(String optionName) {
        this.optionName = optionName;
    }

    /** The name as the reference's command line spells it. */
    public String optionName() {
        return optionName;
    }

    boolean crops() {
        return this == RESIZE_AND_CROP || this == CROP || this == SCALE_WIDTH_AND_CROP;
    }

    public static PreprocessMode fromName(String name) {
        for (PreprocessMode mode : values()) {
            if (mode.optionName.equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown preprocess mode [" + name + "]; choose one of "
                + Arrays.stream(values()).map(PreprocessMode::optionName).collect(Collectors.joining(", ")));
    }
}
