package io.github.cyclegan.evaluation;

import io.github.cyclegan.image.ChwImage;
import java.util.Objects;

/** A test image and its name (its file name), by which images of the two domains are paired. */
public record NamedImage(String name, ChwImage image) {

    public NamedImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
    }
}
