package io.github.cyclegan.training;

import io.github.cyclegan.image.ChwImage;
import io.github.cyclegan.image.ImageTensors;
import io.github.cyclegan.image.PlanarImage;
import io.github.cyclegan.messaging.options.PreprocessMode;
import java.awt.image.BufferedImage;
import java.util.random.RandomGenerator;

/**
 * The reference's {@code get_transform} for one image: [grayscale if input_nc is 1] → resize or
 * scale_width → random crop → round to a multiple of 4 (mode none) → random horizontal flip →
 * [-1, 1] float C×H×W. All randomness comes from the generator passed in, so a seeded pipeline is
 * repeatable; A and B images get independent draws when each is processed with its own call.
 */
public final class Preprocess {
    /** {@code __make_power_2}'s base: the generators need sides divisible by 4. */
    private static final int SIDE_MULTIPLE = 4;

    private final PreprocessOptions options;

    public Preprocess(PreprocessOptions options) {
        this.options = options;
    }

    public PreprocessOptions options() {
        return options;
    }

    /** The transformed image as a [-1, 1] tensor. */
    public ChwImage apply(BufferedImage image, RandomGenerator rng) {
        return applyPlanes(image, rng).normalized();
    }

    /** The transformed image before normalisation (8-bit planes). */
    public PlanarImage applyPlanes(BufferedImage image, RandomGenerator rng) {
        PlanarImage planes = ImageTensors.toPlanes(image, options.inputNc());
        planes = switch (options.mode()) {
            case RESIZE_AND_CROP -> BicubicResampler.resize(planes, options.loadSize(), options.loadSize());
            case SCALE_WIDTH, SCALE_WIDTH_AND_CROP -> scaleWidth(planes);
            case CROP, NONE -> planes;
        };
        if (options.mode().crops()) {
            planes = randomCrop(planes, options.cropSize(), rng);
        }
        if (options.mode() == PreprocessMode.NONE) {
            planes = roundSidesToMultipleOf4(planes);
        }
        if (!options.noFlip() && rng.nextDouble() < 0.5) {
            planes = planes.flipHorizontal();
        }
        return planes;
    }

    /** {@code __scale_width}: width becomes load_size, height keeps the aspect ratio but not below crop_size. */
    private PlanarImage scaleWidth(PlanarImage planes) {
        int target = options.loadSize();
        int crop = options.cropSize();
        if (planes.width() == target && planes.height() >= crop) {
            return planes;
        }
        int height = (int) Math.max((double) target * planes.height() / planes.width(), crop);
        return BicubicResampler.resize(planes, target, height);
    }

    /** torchvision's RandomCrop without padding: top then left, uniform; no draw when the sizes match. */
    private static PlanarImage randomCrop(PlanarImage planes, int size, RandomGenerator rng) {
        int h = planes.height();
        int w = planes.width();
        if (h < size || w < size) {
            throw new IllegalArgumentException(
                    "crop_size " + size + " is larger than the image (" + w + "x" + h + ") at the crop step");
        }
        if (h == size && w == size) {
            return planes;
        }
        int top = rng.nextInt(h - size + 1);
        int left = rng.nextInt(w - size + 1);
        return planes.crop(top, left, size, size);
    }

    /**
     * {@code __make_power_2(base=4)} with Python's round-half-even. A side that would round to 0
     * (images under 2 px) becomes 4 instead, where the reference would fail.
     */
    private static PlanarImage roundSidesToMultipleOf4(PlanarImage planes) {
        int h = Math.max(SIDE_MULTIPLE, (int) Math.rint(planes.height() / (double) SIDE_MULTIPLE) * SIDE_MULTIPLE);
        int w = Math.max(SIDE_MULTIPLE, (int) Math.rint(planes.width() / (double) SIDE_MULTIPLE) * SIDE_MULTIPLE);
        return BicubicResampler.resize(planes, w, h);
    }
}
