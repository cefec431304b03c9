package io.github.cyclegan.inferenceworker.tiling;

/** A rectangle of the image: rows {@code [y, y+height)}, columns {@code [x, x+width)}. */
public record Tile(int y, int x, int height, int width) {
}
