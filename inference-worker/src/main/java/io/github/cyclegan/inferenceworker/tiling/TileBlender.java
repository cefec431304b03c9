package io.github.cyclegan.inferenceworker.tiling;

import io.github.cyclegan.image.ChwImage;

/**
 * Assembles translated tiles into one image. Inside an overlap each tile's weight ramps linearly from its inner
 * edge to 1, so outputs fade into each other instead of meeting at a seam; edges on the image border keep weight 1.
 * The result is the weighted mean per pixel. Not thread-safe: add tiles from one thread.
 */
public final class TileBlender {
    private final TilePlan plan;
    private final int channels;
    private final float[] sum;
    private final float[] weight;

    public TileBlender(TilePlan plan, int channels) {
        this.plan = plan;
        this.channels = channels;
        this.sum = new float[channels * plan.height() * plan.width()];
        this.weight = new float[plan.height() * plan.width()];
    }

    public void add(Tile tile, ChwImage output) {
        if (output.height() != tile.height() || output.width() != tile.width() || output.channels() != channels) {
            throw new IllegalArgumentException("tile output " + output + " does not match " + tile);
        }
        float[] rowWeights = ramp(tile.height(), tile.y() > 0, tile.y() + tile.height() < plan.height());
        float[] colWeights = ramp(tile.width(), tile.x() > 0, tile.x() + tile.width() < plan.width());
        int plane = plan.height() * plan.width();
        float[] data = output.data();
        for (int row = 0; row < tile.height(); row++) {
            for (int col = 0; col < tile.width(); col++) {
                float w = rowWeights[row] * colWeights[col];
                int target = (tile.y() + row) * plan.width() + tile.x() + col;
                weight[target] += w;
                for (int ch = 0; ch < channels; ch++) {
                    sum[ch * plane + target] += w * data[(ch * tile.height() + row) * tile.width() + col];
                }
            }
        }
    }

    /**
     * Weights along one axis: rising over the overlap from a side that borders another tile. Never zero, so
     * every pixel a tile covers gets a weight even where only that tile covers it.
     */
    private float[] ramp(int length, boolean rampStart, boolean rampEnd) {
        int overlap = plan.overlap();
        float[] w = new float[length];
        for (int i = 0; i < length; i++) {
            float v = 1f;
            if (rampStart && i < overlap) {
                v = Math.min(v, (i + 0.5f) / overlap);
            }
            if (rampEnd && length - 1 - i < overlap) {
                v = Math.min(v, (length - i - 0.5f) / overlap);
            }
            w[i] = v;
        }
        return w;
    }

    /** The blended image; every pixel must have been covered by at least one tile. */
    public ChwImage result() {
        int plane = weight.length;
        float[] out = new float[sum.length];
        for (int i = 0; i < plane; i++) {
            if (weight[i] <= 0f) {
                throw new IllegalStateException("pixel " + i + " was covered by no tile");
            }
            for (int ch = 0; ch < channels; ch++) {
                out[ch * plane + i] = sum[ch * plane + i] / weight[i];
            }
        }
        return new ChwImage(channels, plan.height(), plan.width(), out);
    }
}
