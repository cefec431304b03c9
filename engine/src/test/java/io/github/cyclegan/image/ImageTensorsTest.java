package io.github.cyclegan.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ImageTensorsTest {

    private static BufferedImage randomImage(int type, long seed) {
        BufferedImage image = new BufferedImage(16, 8, type);
        Random random = new Random(seed);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return image;
    }

    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_ARGB_PRE,
            BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_INT_BGR,
            BufferedImage.TYPE_BYTE_INDEXED, BufferedImage.TYPE_USHORT_565_RGB})
    void readsEveryColourTypeAsItsRgbValuesWithoutAlpha(int type) {
        BufferedImage image = randomImage(type, type);
        PlanarImage planes = ImageTensors.toPlanes(image, 3);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 16; x++) {
                int rgb = image.getRGB(x, y);
                assertThat(new int[] {planes.value(0, y, x), planes.value(1, y, x), planes.value(2, y, x)})
                        .as("pixel (%d, %d)", x, y)
                        .containsExactly(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF);
            }
        }
    }

    @Test
    void roundTripThroughTensorsLosesAtMostOneLevel() {
        BufferedImage image = randomImage(BufferedImage.TYPE_INT_RGB, 1);
        BufferedImage back = ImageTensors.toImage(ImageTensors.toChw(image, 3));
        assertThat(back.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        int maxError = 0;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 16; x++) {
                int a = image.getRGB(x, y);
                int b = back.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    maxError = Math.max(maxError, Math.abs((a >> shift & 0xFF) - (b >> shift & 0xFF)));
                }
            }
        }
        assertThat(maxError).isLessThanOrEqualTo(1);
    }

    @Test
    void transparentPixelsKeepTheirColourAsPilConvertRgbDoes() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x00FF0000);
        image.setRGB(1, 0, 0x8000FF00);
        PlanarImage planes = ImageTensors.toPlanes(image, 3);
        assertThat(new int[] {planes.value(0, 0, 0), planes.value(1, 0, 0), planes.value(2, 0, 0)})
                .containsExactly(255, 0, 0);
        assertThat(planes.value(1, 0, 1)).isEqualTo(255);
    }

    @Test
    void grayImagesKeepTheirStoredValuesAndRepeatToRgb() {
        BufferedImage gray = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(1, 1, 0, 128);
        PlanarImage one = ImageTensors.toPlanes(gray, 1);
        assertThat(one.value(0, 1, 1)).isEqualTo(128);
        PlanarImage three = ImageTensors.toPlanes(gray, 3);
        assertThat(new int[] {three.value(0, 1, 1), three.value(1, 1, 1), three.value(2, 1, 1)})
                .containsExactly(128, 128, 128);
        BufferedImage back = ImageTensors.toImage(ImageTensors.toChw(gray, 1));
        assertThat(back.getRGB(1, 1) & 0xFFFFFF).isEqualTo(0x808080);

        BufferedImage gray16 = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
        gray16.getRaster().setSample(0, 0, 0, 65535);
        assertThat(ImageTensors.toPlanes(gray16, 1).value(0, 0, 0)).isEqualTo(255);
    }

    @Test
    void tensorToImageTruncatesAndClampsAsTensor2im() {
        float just128 = 128f / 255f * 2f - 1f + 1e-6f;
        ChwImage tensor = new ChwImage(1, 1, 4, new float[] {-2f, 1.5f, just128, 0f});
        PlanarImage planes = ImageTensors.toPlanes(tensor);
        assertThat(planes.value(0, 0, 0)).isZero();
        assertThat(planes.value(0, 0, 1)).isEqualTo(255);
        assertThat(planes.value(0, 0, 2)).isEqualTo(128);
        assertThat(planes.value(0, 0, 3)).isEqualTo(127); // 127.5 truncates
    }

    @Test
    void ndArrayRoundTripAcceptsABatchOfOne() {
        BufferedImage image = randomImage(BufferedImage.TYPE_3BYTE_BGR, 5);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray chw = ImageTensors.toNDArray(image, 3, manager);
            assertThat(chw.getShape()).isEqualTo(new Shape(3, 8, 16));
            assertThat(chw.max().getFloat()).isLessThanOrEqualTo(1f);
            assertThat(chw.min().getFloat()).isGreaterThanOrEqualTo(-1f);
            BufferedImage back = ImageTensors.toImage(chw.expandDims(0));
            assertThat(Math.abs((back.getRGB(3, 4) & 0xFF) - (image.getRGB(3, 4) & 0xFF))).isLessThanOrEqualTo(1);
            assertThatThrownBy(() -> ImageTensors.toImage(manager.zeros(new Shape(2, 3, 8, 16))))
                    .hasMessageContaining("C×H×W or 1×C×H×W");
        }
    }

    @Test
    void rejectsAChannelCountOtherThanOneOrThree() {
        assertThatThrownBy(() -> ImageTensors.toChw(randomImage(BufferedImage.TYPE_INT_RGB, 0), 4))
                .hasMessageContaining("1 or 3");
    }
}
