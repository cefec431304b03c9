package io.github.cyclegan.trainingworker.dataset;

import io.github.cyclegan.training.FolderImageSet;
import java.nio.file.Path;

/**
 * One domain's images, cached on local disk.
 *
 * @param images   the readable images
 * @param skipped  images that failed to decode, or were larger than a dataset image may be, and were left out
 * @param folder   its folder in the cache, which eviction must leave alone while the job runs
 */
public record LocalDataset(FolderImageSet images, int skipped, Path folder) {
}
