package io.github.cyclegan.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ExifOrientationTest {

    /** 3x2 image whose pixel at (x, y) has value y*3+x; the expected rows are written out by hand. */
    @ParameterizedTest
    @CsvSource({
            "1, '0 1 2|3 4 5'",
            "2, '2 1 0|5 4 3'",
            "3, '5 4 3|2 1 0'",
            "4, '3 4 5|0 1 2'",
            "5, '0 3|1 4|2 5'",
            "6, '3 0|4 1|5 2'",
            "7, '5 2|4 1|3 0'",
            "8, '2 5|1 4|0 3'"})
    void appliesEachOrientation(int orientation, String expectedRows) {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                image.getRaster().setSample(x, y, 0, y * 3 + x);
            }
        }
        BufferedImage out = ExifOrientation.apply(image, orientation);
        assertThat(out.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        StringBuilder rows = new StringBuilder();
        for (int y = 0; y < out.getHeight(); y++) {
            if (y > 0) {
                rows.append('|');
            }
            for (int x = 0; x < out.getWidth(); x++) {
                rows.append(x > 0 ? " " : "").append(out.getRaster().getSample(x, y, 0));
            }
        }
        assertThat(rows.toString()).isEqualTo(expectedRows);
    }

    @Test
    void malformedOrMissingExifMeansUpright() {
        byte[] segment = ImageDecoderTest.exifSegment(6, true);
        byte[] soi = {(byte) 0xFF, (byte) 0xD8};
        byte[] jpeg = ImageDecoderTest.withSegment(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9}, segment);
        assertThat(ExifOrientation.read(jpeg)).isEqualTo(6);
        for (int cut = 0; cut < jpeg.length - 2; cut++) {
            assertThat(ExifOrientation.read(Arrays.copyOf(jpeg, cut))).isBetween(1, 8);
        }
        byte[] badValue = ImageDecoderTest.withSegment(soi, ImageDecoderTest.exifSegment(9, false));
        assertThat(ExifOrientation.read(badValue)).isEqualTo(1);
        byte[] hugeOffset = jpeg.clone();
        hugeOffset[2 + 4 + 6 + 4] = (byte) 0xFF; // IFD0 offset far outside the segment
        assertThat(ExifOrientation.read(hugeOffset)).isEqualTo(1);
        assertThat(ExifOrientation.read(new byte[] {1, 2, 3, 4, 5})).isEqualTo(1);
        assertThatThrownBy(() -> ExifOrientation.apply(new BufferedImage(1, 1, 1), 0)).hasMessageContaining("1..8");
    }
}
