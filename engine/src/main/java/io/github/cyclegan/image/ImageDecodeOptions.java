package io.github.cyclegan.image;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Limits for decoding untrusted images.
 *
 * @param maxBytes         largest accepted input
 * @param maxPixels        largest accepted width × height, checked from the header before any
 *                         pixel memory is allocated (decompression bombs)
 * @param formats          accepted ImageIO format names, lower case ({@code png}, {@code jpeg}, ...)
 * @param applyOrientation rotate/mirror JPEGs as their EXIF orientation says, as viewers show them
 */
public record ImageDecodeOptions(int maxBytes, long maxPixels, Set<String> formats, boolean applyOrientation) {

    /** 32 MiB, 4096×4096 pixels, PNG, JPEG, BMP and GIF, EXIF orientation applied. */
    public static ImageDecodeOptions defaults() {
        return new ImageDecodeOptions(32 << 20, 4096L * 4096L, Set.of("png", "jpeg", "bmp", "gif"), true);
    }

    public ImageDecodeOptions {
        if (maxBytes <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException(
                    "maxBytes and maxPixels must be positive, were " + maxBytes + " and " + maxPixels);
        }
        if (formats == null || formats.isEmpty()) {
            throw new IllegalArgumentException("at least one image format must be accepted");
        }
        formats = formats.stream().map(f -> f.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public ImageDecodeOptions withMaxPixels(long pixels) {
        return new ImageDecodeOptions(maxBytes, pixels, formats, applyOrientation);
    }

    public ImageDecodeOptions withMaxBytes(int bytes) {
        return new ImageDecodeOptions(bytes, maxPixels, formats, applyOrientation);
    }

    public ImageDecodeOptions withFormats(Set<String> accepted) {
        return new ImageDecodeOptions(maxBytes, maxPixels, accepted, applyOrientation);
    }
}
