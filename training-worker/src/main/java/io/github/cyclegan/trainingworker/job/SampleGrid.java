package io.github.cyclegan.trainingworker.job;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

import io.github.cyclegan.image.ChwImage;
import io.github.cyclegan.image.ImageEncoder;
import io.github.cyclegan.image.ImageTensors;

/** The engine's six sample visuals (real A, fake B, rec A, real B, fake A, rec B) side by side as one PNG. */
final class SampleGrid {

    private SampleGrid() {
    }

    static byte[] png(List<ChwImage> visuals) {
        List<BufferedImage> images = visuals.stream().map(ImageTensors::toImage).toList();
        int width = images.stream().mapToInt(BufferedImage::getWidth).sum();
        int height = images.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
        BufferedImage grid = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        try {
            int x = 0;
            for (BufferedImage image : images) {
                g.drawImage(image, x, 0, null);
                x += image.getWidth();
            }
        } finally {
            g.dispose();
        }
        return ImageEncoder.png(grid);
    }
}
