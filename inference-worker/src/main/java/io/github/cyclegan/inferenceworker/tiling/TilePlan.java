package io.github.cyclegan.inferenceworker.tiling;

import io.github.cyclegan.image.ChwImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an image into equally sized, overlapping tiles. The last tile of each row and column is placed flush with
 * the image edge instead of being smaller, so every tile has the same size and all tiles of an image can run in one
 * batch.
 */
public final class TilePlan {
    private final int height;
    private final int width;
    private final int overlap;
    private final List<Tile> tiles;

    private TilePlan(int height, int width, int overlap, List<Tile> tiles) {
        this.height = height;
        this.width = width;
        this.overlap = overlap;
        this.tiles = tiles;
    }

    /**
     * Tiles of at most {@code maxPixels} pixels (square side {@code floor(sqrt(maxPixels))}) overlapping by
     * {@code overlap} pixels; one tile when the image fits.
     */
    public static TilePlan of(int height, int width, long maxPixels, int overlap) {
        int side = (int) Math.floor(Math.sqrt((double) maxPixels));
        if (side <= overlap) {
            throw new IllegalArgumentException("tiles of " + side + " px cannot overlap by " + overlap + " px");
        }
        List<Integer> ys = starts(height, side, overlap);
        List<Integer> xs = starts(width, side, overlap);
        int tileHeight = Math.min(height, side);
        int tileWidth = Math.min(width, side);
        List<Tile> tiles = new ArrayList<>(ys.size() * xs.size());
        for (int y : ys) {
            for (int x : xs) {
                tiles.add(new Tile(y, x, tileHeight, tileWidth));
            }
        }
        return new TilePlan(height, width, overlap, List.copyOf(tiles));
    }

    private static List<Integer> starts(int length, int side, int overlap) {
        List<Integer> starts = new ArrayList<>();
        if (length <= side) {
            starts.add(0);
            return starts;
        }
        int step = side - overlap;
        for (int s = 0; s + side < length; s += step) {
            starts.add(s);
        }
        starts.add(length - side);
        return starts;
    }

    public List<Tile> tiles() {
        return tiles;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int overlap() {
        return overlap;
    }

    /** The pixels of {@code tile} out of {@code image}. */
    public static ChwImage crop(ChwImage image, Tile tile) {
        int c = image.channels();
        float[] out = new float[c * tile.height() * tile.width()];
        float[] in = image.data();
        for (int ch = 0; ch < c; ch++) {
            for (int row = 0; row < tile.height(); row++) {
                System.arraycopy(in, (ch * image.height() + tile.y() + row) * image.width() + tile.x(),
                        out, (ch * tile.height() + row) * tile.width(), tile.width());
            }
        }
        return new ChwImage(c, tile.height(), tile.width(), out);
    }
}
