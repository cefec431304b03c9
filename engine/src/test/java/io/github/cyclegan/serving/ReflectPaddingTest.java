package io.github.cyclegan.serving;

import io.github.cyclegan.image.ChwImage;
import io.github.cyclegan.image.Images;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ReflectPaddingTest {

    @Test
    void mirrorsWithoutRepeatingTheEdgeAndKeepsMirroringPastTheImage() {
        int[] indices = new int[16];
        for (int i = -6; i < 10; i++) {
            indices[i + 6] = ReflectPadding.reflect(i, 4);
        }
        // Positions -6..9 over a 4-pixel row a b c d: ... c b | a b c d | c b a b c d
        assertThat(indices).containsExactly(0, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2, 1, 0, 1, 2, 3);
        assertThat(ReflectPadding.reflect(-3, 1)).isZero();
        assertThat(ReflectPadding.reflect(5, 1)).isZero();
    }

    @Test
    void splitsThePaddingWithTheOddPixelAfter() {
        assertThat(ReflectPadding.toMultiple(37, 53, 4, 8)).isEqualTo(new ReflectPadding(1, 2, 1, 2));
        assertThat(ReflectPadding.toMultiple(40, 44, 4, 8)).isEqualTo(new ReflectPadding(0, 0, 0, 0));
        assertThat(ReflectPadding.toMultiple(37, 128, 128, 128)).isEqualTo(new ReflectPadding(45, 46, 0, 0));
    }

    @Test
    void padsSmallImagesUpToTheMinimumSize() {
        assertThat(ReflectPadding.toMultiple(1, 5, 4, 8)).isEqualTo(new ReflectPadding(3, 4, 1, 2));
        assertThat(ReflectPadding.toMultiple(9, 8, 4, 8)).isEqualTo(new ReflectPadding(1, 2, 0, 0));
    }

    @Test
    void padsEveryChannelAndCropsBackToTheOriginal() {
        ChwImage image = new ChwImage(2, 2, 3, new float[] {1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60});
        ReflectPadding padding = new ReflectPadding(1, 1, 0, 1);
        float[] padded = new float[1 + 2 * 4 * 4];

        padding.pad(image, padded, 1);

        assertThat(padded).containsExactly(0,
                4, 5, 6, 5,   1, 2, 3, 2,   4, 5, 6, 5,   1, 2, 3, 2,
                40, 50, 60, 50,   10, 20, 30, 20,   40, 50, 60, 50,   10, 20, 30, 20);
        assertThat(padding.crop(padded, 1, 2, 2, 3).data()).containsExactly(image.data());
    }

    @Test
    void roundTripsLargePaddingsOfOddSizes() {
        ChwImage image = Images.random(new Random(3), 3, 5, 7);
        ReflectPadding padding = ReflectPadding.toMultiple(5, 7, 16, 16);
        float[] padded = new float[3 * 16 * 16];

        padding.pad(image, padded, 0);

        assertThat(padding.crop(padded, 0, 3, 5, 7).data()).containsExactly(image.data());
    }
}
