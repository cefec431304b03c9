package io.github.cyclegan.image;

import java.awt.image.BufferedImage;

/**
 * A decoded input image.
 *
 * @param image       pixels, already turned upright when orientation was applied
 * @param format      the ImageIO format name, lower case
 * @param orientation the EXIF orientation found (1 = upright or none)
 */
public record DecodedImage(BufferedImage image, String format, int orientation) {
}
