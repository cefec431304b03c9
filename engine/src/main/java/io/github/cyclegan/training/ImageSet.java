package io.github.cyclegan.training;

import java.awt.image.BufferedImage;
import java.io.IOException;

/**
 * One domain's training images, addressed by index. Implementations decide where images come
 * from (a local cache of an S3 prefix, a folder, memory); the trainer only asks for them.
 */
public interface ImageSet {

    int size();

    /** The image at {@code index} (0 to size-1), decoded. */
    BufferedImage load(int index) throws IOException;
}
