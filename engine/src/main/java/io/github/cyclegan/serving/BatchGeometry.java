package io.github.cyclegan.serving;

import io.github.cyclegan.image.ChwImage;

import ai.djl.ndarray.types.Shape;
import java.util.List;

/** A validated batch's size and the padding that brings it to the generator's size multiple. */
record BatchGeometry(int count, int channels, int height, int width, ReflectPadding padding) {

    static BatchGeometry of(List<ChwImage> images, int channels, int sizeMultiple, int minimumSize) {
        if (images == null || images.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one image");
        }
        ChwImage first = images.get(0);
        for (int i = 0; i < images.size(); i++) {
            ChwImage image = images.get(i);
            if (image == null) {
                throw new IllegalArgumentException("image " + i + " of the batch is null");
            }
            if (image.channels() != channels) {
                throw new IllegalArgumentException("image " + i + " has " + image.channels()
                        + " channels; this generator expects " + channels);
            }
            if (!image.sameSize(first)) {
                throw new IllegalArgumentException("image " + i + " is " + image.height() + "x" + image.width()
                        + " but image 0 is " + first.height() + "x" + first.width()
                        + "; all images of a batch must have the same size");
            }
        }
        ReflectPadding padding = ReflectPadding.toMultiple(first.height(), first.width(), sizeMultiple,
                minimumSize);
        BatchGeometry batch = new BatchGeometry(images.size(), channels, first.height(), first.width(), padding);
        if ((long) batch.count * batch.inputValuesPerImageLong() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a batch of " + batch.count + " padded " + channels + "x"
                    + padding.paddedHeight(first.height()) + "x" + padding.paddedWidth(first.width())
                    + " images is too large for one forward pass; split it");
        }
        return batch;
    }

    int inputValuesPerImage() {
        return Math.toIntExact(inputValuesPerImageLong());
    }

    int inputValues() {
        return count * inputValuesPerImage();
    }

    Shape inputShape() {
        return new Shape(count, channels, padding.paddedHeight(height), padding.paddedWidth(width));
    }

    private long inputValuesPerImageLong() {
        return (long) channels * padding.paddedHeight(height) * padding.paddedWidth(width);
    }
}
