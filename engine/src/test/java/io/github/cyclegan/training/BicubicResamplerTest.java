package io.github.cyclegan.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cyclegan.image.ImageTensors;
import io.github.cyclegan.image.PlanarImage;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Parity with PIL's resize(BICUBIC) and convert('L'), from resources/training/pil_bicubic_fixture.py. */
class BicubicResamplerTest {

    static int fixtureValue(int c, int y, int x) {
        return (x * 37 + y * 91 + c * 53 + x * y * 7) % 256;
    }

    static BufferedImage fixtureImage(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, fixtureValue(0, y, x) << 16 | fixtureValue(1, y, x) << 8 | fixtureValue(2, y, x));
            }
        }
        return image;
    }

    private static JsonNode fixture() throws Exception {
        try (InputStream in = BicubicResamplerTest.class.getResourceAsStream("/training/pil-bicubic.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static int[] unsigned(byte[] data) {
        int[] out = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = data[i] & 0xFF;
        }
        return out;
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    @Test
    void matchesPilBicubicExactlyWhenShrinkingAndEnlarging() throws Exception {
        JsonNode fixture = fixture();
        PlanarImage source = ImageTensors.toPlanes(
                fixtureImage(fixture.get("srcWidth").asInt(), fixture.get("srcHeight").asInt()), 3);
        for (JsonNode resize : fixture.get("resizes")) {
            int w = resize.get("width").asInt();
            int h = resize.get("height").asInt();
            PlanarImage resized = BicubicResampler.resize(source, w, h);
            assertThat(resized.width()).isEqualTo(w);
            assertThat(resized.height()).isEqualTo(h);
            assertThat(unsigned(resized.data())).as("%dx%d", w, h).containsExactly(ints(resize.get("chw")));
        }
    }

    @Test
    void grayscaleMatchesPilConvertL() throws Exception {
        JsonNode fixture = fixture();
        PlanarImage gray = ImageTensors.toPlanes(
                fixtureImage(fixture.get("srcWidth").asInt(), fixture.get("srcHeight").asInt()), 1);
        assertThat(unsigned(gray.data())).containsExactly(ints(fixture.get("grayL")));
    }

    @Test
    void sameSizeIsUnchanged() {
        PlanarImage source = ImageTensors.toPlanes(fixtureImage(5, 4), 3);
        assertThat(BicubicResampler.resize(source, 5, 4)).isSameAs(source);
    }
}
