package io.github.cyclegan.inferenceworker.tiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.cyclegan.image.ChwImage;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TilePlanTest {

    @ParameterizedTest
    @CsvSource({"100,90,1024,8", "64,64,1024,8", "33,200,1024,16", "1,500,400,4", "257,131,4096,32"})
    void tilesHaveOneSizeStayInsideAndCoverEveryPixel(int height, int width, long maxPixels, int overlap) {
        TilePlan plan = TilePlan.of(height, width, maxPixels, overlap);
        int[] covered = new int[height * width];
        Tile first = plan.tiles().get(0);
        for (Tile tile : plan.tiles()) {
            assertThat((long) tile.height() * tile.width()).isLessThanOrEqualTo(maxPixels);
            assertThat(tile.height()).isEqualTo(first.height());
            assertThat(tile.width()).isEqualTo(first.width());
            assertThat(tile.y() + tile.height()).isLessThanOrEqualTo(height);
            assertThat(tile.x() + tile.width()).isLessThanOrEqualTo(width);
            for (int y = tile.y(); y < tile.y() + tile.height(); y++) {
                for (int x = tile.x(); x < tile.x() + tile.width(); x++) {
                    covered[y * width + x]++;
                }
            }
        }
        assertThat(covered).doesNotContain(0);
    }

    @Test
    void blendingIdenticalTileOutputsGivesTheImageBackExactly() {
        ChwImage image = random(3, 70, 90, 1);
        ChwImage tiled = tileAndBlend(image, 1024, 8, UnaryOperator.identity());
        assertThat(tiled.data()).containsExactly(image.data(), within(1e-5f));
    }

    @Test
    void overlapsFadeLinearlyWithoutSeams() {
        // Each tile outputs a different constant: the blend must change by at most one ramp step between neighbours.
        ChwImage image = random(1, 40, 100, 2);
        int overlap = 10;
        float[] next = {0f};
        ChwImage blended = tileAndBlend(image, 40 * 40, overlap, tile -> constant(tile, next[0]++));
        float maxStep = 0;
        for (int x = 1; x < 100; x++) {
            maxStep = Math.max(maxStep, Math.abs(blended.data()[x] - blended.data()[x - 1]));
        }
        assertThat(maxStep).isLessThanOrEqualTo(1.01f / overlap);
    }

    /**
     * A translator whose output depends on a 5x5 neighbourhood (a box blur) gives, tiled, the untiled result away
     * from the tiles' own edges: the blend weights the tile that sees the whole neighbourhood. Random generators
     * cannot show this: their receptive field spans the whole test image (measured: tiled and untiled differ by
     * about as much as the output varies), while trained CycleGAN generators are far more local.
     */
    @Test
    void aTiledLocalTranslationMatchesTheWholeImage() {
        ChwImage image = random(3, 90, 130, 3);
        ChwImage whole = boxBlur(image);
        ChwImage tiled = tileAndBlend(image, 48 * 48, 16, TilePlanTest::boxBlur);

        assertThat(meanAbsDiff(whole, tiled, 2)).isLessThan(0.005);
        assertThat(maxAbsDiff(whole, tiled, 2)).isLessThan(0.1);
    }

    private static ChwImage boxBlur(ChwImage image) {
        int h = image.height();
        int w = image.width();
        float[] in = image.data();
        float[] out = new float[in.length];
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float sum = 0;
                    for (int dy = -2; dy <= 2; dy++) {
                        for (int dx = -2; dx <= 2; dx++) {
                            int yy = Math.min(h - 1, Math.max(0, y + dy));
                            int xx = Math.min(w - 1, Math.max(0, x + dx));
                            sum += in[(c * h + yy) * w + xx];
                        }
                    }
                    out[(c * h + y) * w + x] = sum / 25f;
                }
            }
        }
        return new ChwImage(image.channels(), h, w, out);
    }

    private static double maxAbsDiff(ChwImage a, ChwImage b, int margin) {
        double max = 0;
        for (int c = 0; c < a.channels(); c++) {
            for (int y = margin; y < a.height() - margin; y++) {
                for (int x = margin; x < a.width() - margin; x++) {
                    int i = (c * a.height() + y) * a.width() + x;
                    max = Math.max(max, Math.abs(a.data()[i] - b.data()[i]));
                }
            }
        }
        return max;
    }

    private static ChwImage tileAndBlend(ChwImage image, long maxPixels, int overlap, UnaryOperator<ChwImage> f) {
        TilePlan plan = TilePlan.of(image.height(), image.width(), maxPixels, overlap);
        assertThat(plan.tiles()).hasSizeGreaterThan(1);
        TileBlender blender = new TileBlender(plan, image.channels());
        plan.tiles().forEach(tile -> blender.add(tile, f.apply(TilePlan.crop(image, tile))));
        return blender.result();
    }

    private static ChwImage constant(ChwImage like, float value) {
        float[] data = new float[like.data().length];
        java.util.Arrays.fill(data, value);
        return new ChwImage(like.channels(), like.height(), like.width(), data);
    }

    private static ChwImage random(int channels, int height, int width, long seed) {
        Random random = new Random(seed);
        float[] data = new float[channels * height * width];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat() * 2 - 1;
        }
        return new ChwImage(channels, height, width, data);
    }

    /** Mean |a-b| over pixels at least {@code margin} away from the image border. */
    private static double meanAbsDiff(ChwImage a, ChwImage b, int margin) {
        double sum = 0;
        int n = 0;
        for (int c = 0; c < a.channels(); c++) {
            for (int y = margin; y < a.height() - margin; y++) {
                for (int x = margin; x < a.width() - margin; x++) {
                    int i = (c * a.height() + y) * a.width() + x;
                    sum += Math.abs(a.data()[i] - b.data()[i]);
                    n++;
                }
            }
        }
        return sum / n;
    }
}
