package io.github.cyclegan.messaging;

import java.util.Locale;

/**
 * How the translated image is encoded.
 *
 * @param format  {@code png} (default) or {@code jpeg}
 * @param quality JPEG quality 1-100 (default 90); ignored for PNG
 */
public record OutputOptions(String format, Integer quality) {

    public static final String PNG = "png";
    public static final String JPEG = "jpeg";
    public static final int DEFAULT_QUALITY = 90;

    public OutputOptions {
        format = format == null ? PNG : format.toLowerCase(Locale.ROOT);
        if (format.equals("jpg")) {
            format = JPEG;
        }
        if (!format.equals(PNG) && !format.equals(JPEG)) {
            throw new IllegalArgumentException("TranslationRequest.output.format must be png or jpeg, got '" + format + "'");
        }
        quality = quality == null ? DEFAULT_QUALITY : quality;
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("TranslationRequest.output.quality must be 1-100, got " + quality);
        }
    }

    public static OutputOptions defaults() {
        return new OutputOptions(PNG, DEFAULT_QUALITY);
    }

    public String contentType() {
        return format.equals(PNG) ? "image/png" : "image/jpeg";
    }

    public String fileExtension() {
        return format.equals(PNG) ? "png" : "jpg";
    }
}
