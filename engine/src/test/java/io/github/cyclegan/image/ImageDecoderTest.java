package io.github.cyclegan.image;

import io.github.cyclegan.messaging.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {
    private final ImageDecoder decoder = new ImageDecoder(ImageDecodeOptions.defaults());

    private static void assertRefused(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ImageDecodeException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    private static BufferedImage noise(int w, int h, long seed) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return image;
    }

    private static byte[] pngChunk(String type, byte[] data) {
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data);
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 4, 4 + data.length);
        chunk.putInt((int) crc.getValue());
        return chunk.array();
    }

    /** A well-formed PNG header declaring a 100000×100000 RGB image (30 GB of pixels) and no data. */
    private static byte[] pngBomb() {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(100_000).putInt(100_000);
        ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        png.writeBytes(pngChunk("IHDR", ihdr.array()));
        png.writeBytes(pngChunk("IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}));
        png.writeBytes(pngChunk("IEND", new byte[0]));
        return png.toByteArray();
    }

    /** An EXIF APP1 segment carrying only IFD0's orientation tag. */
    static byte[] exifSegment(int orientation, boolean littleEndian) {
        ByteBuffer tiff = ByteBuffer.allocate(26)
                .order(littleEndian ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        tiff.put(littleEndian ? (byte) 'I' : (byte) 'M').put(littleEndian ? (byte) 'I' : (byte) 'M');
        tiff.putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] payload = new byte[6 + 26];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, payload, 0, 6);
        System.arraycopy(tiff.array(), 0, payload, 6, 26);
        ByteBuffer segment = ByteBuffer.allocate(4 + payload.length);
        segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + payload.length)).put(payload);
        return segment.array();
    }

    /** {@code jpeg} with {@code segment} inserted right after SOI. */
    static byte[] withSegment(byte[] jpeg, byte[] segment) {
        byte[] out = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(segment, 0, out, 2, segment.length);
        System.arraycopy(jpeg, 2, out, 2 + segment.length, jpeg.length - 2);
        return out;
    }

    @Test
    void decodesPngExactly() {
        BufferedImage image = noise(12, 7, 1);
        DecodedImage decoded = decoder.decode(ImageEncoder.png(image));
        assertThat(decoded.format()).isEqualTo("png");
        assertThat(decoded.orientation()).isEqualTo(1);
        assertThat(decoded.image().getRGB(0, 0, 12, 7, null, 0, 12)).isEqualTo(image.getRGB(0, 0, 12, 7, null, 0, 12));
    }

    @Test
    void refusesAPngBombFromItsHeader() {
        byte[] bomb = pngBomb();
        assertThat(bomb.length).isLessThan(100);
        assertThatThrownBy(() -> decoder.decode(bomb))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE))
                .hasMessageContaining("100000x100000");
    }

    @Test
    void refusesImagesOverTheConfiguredLimits() {
        byte[] png = ImageEncoder.png(noise(10, 10, 2));
        assertRefused(() -> new ImageDecoder(ImageDecodeOptions.defaults().withMaxPixels(99)).decode(png),
                ErrorCode.IMAGE_TOO_LARGE);
        assertThat(new ImageDecoder(ImageDecodeOptions.defaults().withMaxPixels(100)).decode(png).image().getWidth())
                .isEqualTo(10);
        assertRefused(() -> new ImageDecoder(ImageDecodeOptions.defaults().withMaxBytes(png.length - 1)).decode(png),
                ErrorCode.IMAGE_TOO_LARGE);
    }

    @Test
    void refusesEmptyRandomAndTruncatedInput() {
        assertRefused(() -> decoder.decode(new byte[0]), ErrorCode.IMAGE_EMPTY);
        assertRefused(() -> decoder.decode(null), ErrorCode.IMAGE_EMPTY);
        byte[] random = new byte[512];
        new Random(3).nextBytes(random);
        assertRefused(() -> decoder.decode(random), ErrorCode.IMAGE_UNREADABLE);

        byte[] jpeg = ImageEncoder.jpeg(noise(32, 32, 4), 0.9f);
        assertThat(decoder.decode(jpeg).format()).isEqualTo("jpeg");
        assertRefused(() -> decoder.decode(Arrays.copyOf(jpeg, jpeg.length * 6 / 10)), ErrorCode.IMAGE_UNREADABLE);
        byte[] png = ImageEncoder.png(noise(32, 32, 5));
        assertRefused(() -> decoder.decode(Arrays.copyOf(png, png.length / 2)), ErrorCode.IMAGE_UNREADABLE);
        assertRefused(() -> decoder.decode(Arrays.copyOf(png, 20)), ErrorCode.IMAGE_UNREADABLE);
    }

    @Test
    void refusesAFormatThatIsNotAccepted() throws Exception {
        ByteArrayOutputStream bmp = new ByteArrayOutputStream();
        assertThat(ImageIO.write(noise(4, 4, 6), "bmp", bmp)).isTrue();
        ImageDecoder pngOnly = new ImageDecoder(ImageDecodeOptions.defaults().withFormats(Set.of("PNG")));
        assertThatThrownBy(() -> pngOnly.decode(bmp.toByteArray()))
                .isInstanceOfSatisfying(ImageDecodeException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.IMAGE_UNSUPPORTED_FORMAT))
                .hasMessageContaining("bmp");
        assertThat(decoder.decode(bmp.toByteArray()).format()).isEqualTo("bmp");
    }

    @Test
    void exifOrientation6TurnsTheImageClockwise() {
        // 16x8: left half red, right half blue (8x8 JPEG blocks keep the colours clean).
        BufferedImage image = new BufferedImage(16, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, y, x < 8 ? 0xFF0000 : 0x0000FF);
            }
        }
        for (boolean little : new boolean[] {true, false}) {
            byte[] jpeg = withSegment(ImageEncoder.jpeg(image, 0.95f), exifSegment(6, little));
            assertThat(ExifOrientation.read(jpeg)).isEqualTo(6);
            DecodedImage decoded = decoder.decode(jpeg);
            assertThat(decoded.orientation()).isEqualTo(6);
            assertThat(decoded.image().getWidth()).isEqualTo(8);
            assertThat(decoded.image().getHeight()).isEqualTo(16);
            int top = decoded.image().getRGB(4, 3);
            int bottom = decoded.image().getRGB(4, 12);
            assertThat(top >> 16 & 0xFF).isGreaterThan(200);   // red went to the top
            assertThat(bottom & 0xFF).isGreaterThan(200);      // blue to the bottom

            ImageDecodeOptions raw = new ImageDecodeOptions(1 << 20, 1 << 20, Set.of("jpeg"), false);
            assertThat(new ImageDecoder(raw).decode(jpeg).image().getWidth()).isEqualTo(16);
        }
    }

    @Test
    void encodesJpegWithTheRequestedQuality() {
        BufferedImage image = noise(32, 32, 7);
        byte[] low = ImageEncoder.jpeg(image, 0.2f);
        byte[] high = ImageEncoder.jpeg(image, 1.0f);
        assertThat(high.length).isGreaterThan(low.length);
        BufferedImage withAlpha = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB);
        assertThat(decoder.decode(ImageEncoder.jpeg(withAlpha, 0.8f)).image().getWidth()).isEqualTo(8);
        assertThatThrownBy(() -> ImageEncoder.jpeg(image, 0f)).hasMessageContaining("(0, 1]");
    }
}
