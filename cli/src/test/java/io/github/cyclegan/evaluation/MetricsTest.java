package io.github.cyclegan.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cyclegan.image.ChwImage;
import io.github.cyclegan.image.ImageTensors;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetricsTest {

    /** Agreement required with the numpy reference; the Java side differs only by float32 storage of the pixels. */
    private static final double REFERENCE_TOLERANCE = 1e-4;

    @ParameterizedTest
    @ValueSource(strings = {"gray28_noise", "gray32x40_blur", "rgb24x30_shift_noise", "gray28_inverted"})
    void agreesWithTheNumpyReference(String pair) throws IOException {
        JsonNode expected = expected().get(pair);
        int channels = expected.get("channels").asInt();
        ChwImage a = image(pair + "_a.png", channels);
        ChwImage b = image(pair + "_b.png", channels);

        assertThat(Psnr.of(a, b)).isCloseTo(expected.get("psnr").asDouble(), within(REFERENCE_TOLERANCE));
        assertThat(Ssim.of(a, b)).isCloseTo(expected.get("ssim").asDouble(), within(REFERENCE_TOLERANCE));
        assertThat(Ssim.of(b, a)).as("symmetric").isCloseTo(Ssim.of(a, b), within(1e-12));
    }

    @Test
    void identicalImagesHaveInfinitePsnrAndSsimOne() throws IOException {
        ChwImage a = image("rgb24x30_shift_noise_a.png", 3);

        assertThat(Psnr.of(a, a)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Ssim.of(a, a)).isEqualTo(1.0);
        assertThat(Psnr.cappedMean(List.of(Double.POSITIVE_INFINITY, 20.0))).isEqualTo((Psnr.CAP_DB + 20) / 2);
    }

    @Test
    void constantOffsetGivesThePsnrOfItsSquaredError() {
        int[] levels = new Random(3).ints(28 * 28, 0, 240).toArray();
        ChwImage a = grayFromLevels(levels, 28, 28);
        ChwImage b = grayFromLevels(Arrays.stream(levels).map(v -> v + 10).toArray(), 28, 28);

        // MSE = 10² for every pixel: PSNR = 10 log10(255² / 100) = 20 log10(25.5).
        assertThat(Psnr.of(a, b)).isCloseTo(20 * Math.log10(25.5), within(1e-4));
    }

    @Test
    void constantImagesHaveTheLuminanceTermAsSsim() {
        int[] dark = new int[16 * 16];
        Arrays.fill(dark, 100);
        int[] light = new int[16 * 16];
        Arrays.fill(light, 140);
        double c1 = Math.pow(0.01 * 255, 2);

        // Zero variances make the contrast-structure term C2 / C2 = 1; the luminance term is what remains.
        double expected = (2 * 100.0 * 140 + c1) / (100.0 * 100 + 140.0 * 140 + c1);
        assertThat(Ssim.of(grayFromLevels(dark, 16, 16), grayFromLevels(light, 16, 16)))
                .isCloseTo(expected, within(1e-6));
    }

    @Test
    void valuesOutsideTheNetworkRangeAreClampedToIt() {
        ChwImage over = new ChwImage(1, 1, 2, new float[] {1.5f, -3f});
        ChwImage edge = new ChwImage(1, 1, 2, new float[] {1f, -1f});

        assertThat(Psnr.of(over, edge)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void rejectsMismatchedShapesAndImagesSmallerThanTheWindow() {
        ChwImage small = grayFromLevels(new int[10 * 12], 10, 12);
        ChwImage other = grayFromLevels(new int[12 * 10], 12, 10);

        assertThatThrownBy(() -> Psnr.of(small, other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same shape");
        assertThatThrownBy(() -> Ssim.of(small, small)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 11x11");
    }

    /** A gray image whose 8-bit values are {@code levels}, as decoding a PNG would give it. */
    static ChwImage grayFromLevels(int[] levels, int height, int width) {
        float[] data = new float[levels.length];
        for (int i = 0; i < levels.length; i++) {
            data[i] = (levels[i] / 255f - 0.5f) / 0.5f;
        }
        return new ChwImage(1, height, width, data);
    }

    private static JsonNode expected() throws IOException {
        try (InputStream in = MetricsTest.class.getResourceAsStream("/evaluation/metrics/expected.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static ChwImage image(String name, int channels) throws IOException {
        try (InputStream in = MetricsTest.class.getResourceAsStream("/evaluation/metrics/" + name)) {
            BufferedImage image = ImageIO.read(in);
            return ImageTensors.toChw(image, channels);
        }
    }
}
