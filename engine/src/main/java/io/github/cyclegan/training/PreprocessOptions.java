package io.github.cyclegan.training;

import io.github.cyclegan.messaging.options.PreprocessMode;

/**
 * The reference's BaseOptions that shape the data pipeline.
 *
 * @param mode     --preprocess
 * @param loadSize --load_size: the resize target (square for resize_*, the width for scale_width*)
 * @param cropSize --crop_size: the random crop's side
 * @param noFlip   --no_flip: no random horizontal flip
 * @param inputNc  --input_nc: 1 makes images grayscale, 3 keeps RGB
 */
public record PreprocessOptions(PreprocessMode mode, int loadSize, int cropSize, boolean noFlip, int inputNc) {

    /** The reference's training defaults: resize_and_crop 286 → 256, flips, RGB. */
    public static PreprocessOptions trainDefaults() {
        return new PreprocessOptions(PreprocessMode.RESIZE_AND_CROP, 286, 256, false, 3);
    }

    public PreprocessOptions {
        if (mode == null) {
            throw new IllegalArgumentException("preprocess mode is required");
        }
        if (loadSize <= 0 || cropSize <= 0) {
            throw new IllegalArgumentException(
                    "load_size and crop_size must be positive, were " + loadSize + " and " + cropSize);
        }
        if (mode.cropsResized() && cropSize > loadSize) {
            throw new IllegalArgumentException("crop_size " + cropSize + " is larger than load_size " + loadSize
                    + ": " + mode.optionName() + " cannot crop it from the resized image");
        }
        if (inputNc != 1 && inputNc != 3) {
            throw new IllegalArgumentException("input_nc must be 1 or 3, was " + inputNc);
        }
    }
}
