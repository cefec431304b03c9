package io.github.cyclegan.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Encodes result images to PNG or JPEG bytes, in memory (no ImageIO disk cache). */
public final class ImageEncoder {

    private ImageEncoder() {
    }

    public static byte[] png(BufferedImage image) {
        return write(image, "png", null);
    }

    /**
     * JPEG at {@code quality} in (0, 1]. JPEG has no alpha, so an image with alpha is written with
     * its alpha dropped, the same rule as decoding.
     */
    public static byte[] jpeg(BufferedImage image, float quality) {
        if (!(quality > 0f && quality <= 1f)) {
            throw new IllegalArgumentException("JPEG quality must be in (0, 1], was " + quality);
        }
        return write(image.getColorModel().hasAlpha() ? ImageTensors.toImage(ImageTensors.toPlanes(image, 3)) : image,
                "jpeg", quality);
    }

    private static byte[] write(BufferedImage image, String format, Float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (quality != null) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the image as " + format, e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
