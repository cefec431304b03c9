package io.github.cyclegan.trainingworker.dataset;

import io.github.cyclegan.training.FolderImageSet;

/**
 * One domain's images, cached on local disk.
 *
 * @param images   the readable images
 * @param skipped  images that failed to decode and were left out
 */
public record LocalDataset(FolderImageSet images, int skipped) {
}
