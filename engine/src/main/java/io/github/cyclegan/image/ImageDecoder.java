package io.github.cyclegan.image;

import io.github.cyclegan.messaging.ErrorCode;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes untrusted image bytes within {@link ImageDecodeOptions}' limits. Dimensions are read
 * from the header and checked before the reader allocates pixels. Any warning from the decoder
 * (a truncated JPEG is only a warning to ImageIO, which pads it with gray) refuses the image: a
 * service should not translate a half-decoded picture.
 */
public final class ImageDecoder {
    private final ImageDecodeOptions options;

    public ImageDecoder(ImageDecodeOptions options) {
        this.options = options;
    }

    public DecodedImage decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new ImageDecodeException(ErrorCode.IMAGE_EMPTY, "the image is empty");
        }
        if (bytes.length > options.maxBytes()) {
            throw new ImageDecodeException(ErrorCode.IMAGE_TOO_LARGE,
                    "the image has " + bytes.length + " bytes, more than the limit of " + options.maxBytes());
        }
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = readerFor(input);
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!options.formats().contains(format)) {
                    throw new ImageDecodeException(ErrorCode.IMAGE_UNSUPPORTED_FORMAT,
                            "format " + format + " is not accepted; accepted: " + options.formats());
                }
                reader.setInput(input, true, true);
                checkDimensions(reader);
                BufferedImage image = readPixels(reader);
                int orientation = options.applyOrientation() && format.equals("jpeg")
                        ? ExifOrientation.read(bytes) : ExifOrientation.UPRIGHT;
                return new DecodedImage(ExifOrientation.apply(image, orientation), format, orientation);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new ImageDecodeException(ErrorCode.IMAGE_UNREADABLE, "cannot read the image stream", e);
        }
    }

    private static ImageReader readerFor(ImageInputStream input) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
        if (!readers.hasNext()) {
            throw new ImageDecodeException(ErrorCode.IMAGE_UNREADABLE, "the bytes are not a known image format");
        }
        return readers.next();
    }

    private void checkDimensions(ImageReader reader) {
        long width;
        long height;
        try {
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw new ImageDecodeException(ErrorCode.IMAGE_UNREADABLE, "the image header is corrupt", e);
        }
        if (width <= 0 || height <= 0) {
            throw new ImageDecodeException(ErrorCode.IMAGE_UNREADABLE,
                    "the image header declares " + width + "x" + height + " pixels");
        }
        if (width * height > options.maxPixels()) {
            throw new ImageDecodeException(ErrorCode.IMAGE_TOO_LARGE, "the image is " + width + "x" + height
                    + " = " + width * height + " pixels, more than the limit of " + options.maxPixels());
        }
    }

    /** Readers throw assorted runtime exceptions on corrupt data; all of them mean unreadable. */
    private static BufferedImage readPixels(ImageReader reader) {
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage image;
        try {
            image = reader.read(0);
        } catch (IOException | RuntimeException e) {
            throw new ImageDecodeException(ErrorCode.IMAGE_UNREADABLE, "the image data is corrupt", e);
        }
        if (!warnings.isEmpty()) {
            throw new ImageDecodeException(ErrorCode.IMAGE_UNREADABLE,
                    "the image data is corrupt or truncated: " + warnings.get(0));
        }
        return image;
    }
}
