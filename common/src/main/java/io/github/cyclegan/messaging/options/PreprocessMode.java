package io.github.cyclegan.messaging.options;

/** The reference's {@code --preprocess} choices. */
public enum PreprocessMode implements OptionName {
    RESIZE_AND_CROP("resize_and_crop"),
    CROP("crop"),
    SCALE_WIDTH("scale_width"),
    SCALE_WIDTH_AND_CROP("scale_width_and_crop"),
    NONE("none");

    private final String optionName;

    PreprocessMode(String optionName) {
        this.optionName = optionName;
    }

    @Override
    public String optionName() {
        return optionName;
    }

    /** Whether images are cropped to cropSize, so that the networks see cropSize x cropSize. */
    public boolean crops() {
        return this == RESIZE_AND_CROP || this == CROP || this == SCALE_WIDTH_AND_CROP;
    }

    /** Whether the crop is taken from an image first resized to loadSize, so that it must fit in it. */
    public boolean cropsResized() {
        return this == RESIZE_AND_CROP || this == SCALE_WIDTH_AND_CROP;
    }
}
