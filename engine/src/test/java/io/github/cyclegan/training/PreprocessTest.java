package io.github.cyclegan.training;

import static io.github.cyclegan.training.BicubicResamplerTest.fixtureImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cyclegan.image.ChwImage;
import io.github.cyclegan.image.ImageTensors;
import io.github.cyclegan.image.PlanarImage;
import io.github.cyclegan.messaging.options.OptionName;
import io.github.cyclegan.messaging.options.PreprocessMode;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PreprocessTest {

    private static PreprocessOptions options(String mode, int load, int crop, boolean noFlip, int inputNc) {
        return new PreprocessOptions(OptionName.fromName(PreprocessMode.class, mode), load, crop, noFlip, inputNc);
    }

    private static PlanarImage run(String mode, int load, int crop, boolean noFlip, BufferedImage image, long seed) {
        return new Preprocess(options(mode, load, crop, noFlip, 3)).applyPlanes(image, new SplitMix64(seed));
    }

    @Test
    void resizeAndCropResizesThenCropsThenFlipsWithTheGivenDraws() {
        BufferedImage image = fixtureImage(16, 11);
        for (long seed = 0; seed < 8; seed++) {
            SplitMix64 rng = new SplitMix64(seed);
            PlanarImage expected = BicubicResampler.resize(ImageTensors.toPlanes(image, 3), 12, 12);
            int top = rng.nextInt(5);
            int left = rng.nextInt(5);
            expected = expected.crop(top, left, 8, 8);
            if (rng.nextDouble() < 0.5) {
                expected = expected.flipHorizontal();
            }
            assertThat(run("resize_and_crop", 12, 8, false, image, seed).data()).isEqualTo(expected.data());
        }
    }

    @Test
    void sameSeedSameOutputAndFlipHappensAboutHalfTheTime() {
        BufferedImage image = fixtureImage(9, 9);
        PlanarImage plain = ImageTensors.toPlanes(image, 3);
        PlanarImage mirrored = plain.flipHorizontal();
        int flips = 0;
        for (long seed = 0; seed < 400; seed++) {
            PlanarImage out = run("crop", 9, 9, false, image, seed);
            assertThat(out.data()).isEqualTo(run("crop", 9, 9, false, image, seed).data());
            if (Arrays.equals(out.data(), mirrored.data())) {
                flips++;
            } else {
                assertThat(out.data()).isEqualTo(plain.data());
            }
        }
        assertThat(flips).isBetween(160, 240);
        assertThat(run("crop", 9, 9, true, image, 1).data()).isEqualTo(plain.data());
    }

    @Test
    void cropTakesAWindowOfTheOriginal() {
        BufferedImage image = fixtureImage(20, 10);
        PlanarImage out = run("crop", 99, 8, true, image, 3);
        assertThat(out.width()).isEqualTo(8);
        assertThat(out.height()).isEqualTo(8);
        SplitMix64 rng = new SplitMix64(3);
        int top = rng.nextInt(3);
        int left = rng.nextInt(13);
        assertThat(out.value(1, 0, 0)).isEqualTo(BicubicResamplerTest.fixtureValue(1, top, left));
        assertThatThrownBy(() -> run("crop", 99, 12, true, image, 3))
                .hasMessageContaining("crop_size 12 is larger than the image (20x10)");
    }

    @Test
    void scaleWidthKeepsAspectButNotBelowCropSize() {
        PlanarImage wide = run("scale_width", 12, 8, true, fixtureImage(20, 10), 0);
        assertThat(new int[] {wide.width(), wide.height()}).containsExactly(12, 8); // 12*10/20 = 6 < crop 8
        PlanarImage tall = run("scale_width", 12, 8, true, fixtureImage(10, 25), 0);
        assertThat(new int[] {tall.width(), tall.height()}).containsExactly(12, 30);
        PlanarImage odd = run("scale_width", 12, 8, true, fixtureImage(7, 11), 0);
        assertThat(odd.height()).isEqualTo(18); // int(12*11/7 = 18.86)
        PlanarImage cropped = run("scale_width_and_crop", 12, 8, false, fixtureImage(10, 25), 0);
        assertThat(new int[] {cropped.width(), cropped.height()}).containsExactly(8, 8);
    }

    @Test
    void noneRoundsEachSideToAMultipleOf4HalfToEven() {
        PlanarImage a = run("none", 1, 1, true, fixtureImage(14, 6), 0); // 3.5 -> 4, 1.5 -> 2
        assertThat(new int[] {a.width(), a.height()}).containsExactly(16, 8);
        PlanarImage b = run("none", 1, 1, true, fixtureImage(10, 7), 0); // 2.5 -> 2, 1.75 -> 2
        assertThat(new int[] {b.width(), b.height()}).containsExactly(8, 8);
        PlanarImage c = run("none", 1, 1, true, fixtureImage(1, 12), 0); // 0.25 -> 0 -> at least 4
        assertThat(new int[] {c.width(), c.height()}).containsExactly(4, 12);
        BufferedImage exact = fixtureImage(8, 12);
        assertThat(run("none", 1, 1, true, exact, 0).data()).isEqualTo(ImageTensors.toPlanes(exact, 3).data());
    }

    @Test
    void outputIsNormalisedChwAndGrayscaleWhenInputNcIs1() {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFFFFFF);
        ChwImage rgb = new Preprocess(options("none", 4, 4, true, 3)).apply(image, new SplitMix64(0));
        assertThat(rgb.channels()).isEqualTo(3);
        assertThat(rgb.data()[0]).isEqualTo(1f);
        assertThat(rgb.data()[1]).isEqualTo(-1f);
        assertThat(rgb.data()[16]).isEqualTo(1f); // G plane starts after 4x4 R values
        ChwImage gray = new Preprocess(options("none", 4, 4, true, 1)).apply(image, new SplitMix64(0));
        assertThat(gray.channels()).isEqualTo(1);
        assertThat(gray.data()).hasSize(16);
        assertThat(gray.data()[0]).isEqualTo(1f);
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> options("resize_and_crop", 256, 286, false, 3))
                .hasMessageContaining("crop_size 286 is larger than load_size 256");
        assertThatThrownBy(() -> options("scale_width_and_crop", 8, 9, false, 3))
                .hasMessageContaining("larger than load_size");
        assertThatThrownBy(() -> options("crop", 0, 8, false, 3)).hasMessageContaining("positive");
        assertThatThrownBy(() -> options("crop", 8, -1, false, 3)).hasMessageContaining("positive");
        assertThatThrownBy(() -> options("crop", 8, 8, false, 2)).hasMessageContaining("input_nc");
        assertThat(options("crop", 8, 16, false, 3).cropSize()).isEqualTo(16);
        assertThat(PreprocessOptions.trainDefaults().mode()).isEqualTo(PreprocessMode.RESIZE_AND_CROP);
    }
}
