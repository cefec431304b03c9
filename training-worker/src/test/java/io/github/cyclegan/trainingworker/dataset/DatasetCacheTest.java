package io.github.cyclegan.trainingworker.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cyclegan.localstack.LocalStack;
import io.github.cyclegan.localstack.LocalStackExtension;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.storage.StorageSettings;
import io.github.cyclegan.trainingworker.WorkerConfigs;
import io.github.cyclegan.trainingworker.config.WorkerConfig;
import io.github.cyclegan.trainingworker.job.JobFailedException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The cache's bounds against a real S3 server: datasets too large are refused from their listing, and it evicts. */
@ExtendWith(LocalStackExtension.class)
class DatasetCacheTest {

    private final LocalStack stack;
    private ObjectStore store;
    private String bucket;

    DatasetCacheTest(LocalStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void newBucket() {
        bucket = "cache-" + UUID.randomUUID().toString().substring(0, 8);
        store = new ObjectStore(StorageSettings.of(stack.s3Endpoint(), stack.accessKey(), stack.secretKey())
                .withBucket(bucket));
    }

    @Test
    void oversizedImagesAreSkippedUnreadAndLargeDatasetsRefusedBeforeDownloading(@TempDir Path dir) throws IOException {
        byte[] small = png(8);
        byte[] large = png(64);
        store.put("d/a/1.png", small, "image/png");
        store.put("d/a/2.png", small, "image/png");
        store.put("d/a/3.png", large, "image/png");
        DatasetCache cache = new DatasetCache(store, config(dir, 10, 1_000_000, large.length - 1));

        LocalDataset dataset = cache.fetch("datasetA", "s3://" + bucket + "/d/a/", () -> { });

        assertThat(dataset.images().size()).isEqualTo(2);
        assertThat(dataset.skipped()).isEqualTo(1);

        DatasetCache fewImages = new DatasetCache(store, config(dir, 2, 1_000_000, 1_000_000));
        assertThatThrownBy(() -> fewImages.fetch("datasetA", "s3://" + bucket + "/d/a/", () -> { }))
                .isInstanceOf(JobFailedException.class)
                .hasMessageContaining("has 3 image files, more than this worker takes (cyclegan.training.dataset-max-images 2)");
        DatasetCache fewBytes = new DatasetCache(store, config(dir, 10, small.length, 1_000_000));
        assertThatThrownBy(() -> fewBytes.fetch("datasetA", "s3://" + bucket + "/d/a/", () -> { }))
                .isInstanceOf(JobFailedException.class)
                .hasMessageContaining("cyclegan.training.dataset-max-bytes " + small.length);
    }

    @Test
    void evictsTheLeastRecentlyUsedDatasetsOfOtherJobs(@TempDir Path dir) throws IOException {
        for (String name : List.of("old", "mid", "new")) {
            for (int i = 0; i < 2; i++) {
                store.put("d/" + name + "/" + i + ".png", png(16), "image/png");
            }
        }
        DatasetCache unbounded = new DatasetCache(store, config(dir, 10, 1_000_000, 1_000_000));
        LocalDataset old = unbounded.fetch("datasetA", "s3://" + bucket + "/d/old/", () -> { });
        LocalDataset mid = unbounded.fetch("datasetA", "s3://" + bucket + "/d/mid/", () -> { });
        LocalDataset recent = unbounded.fetch("datasetA", "s3://" + bucket + "/d/new/", () -> { });
        Files.setLastModifiedTime(old.folder(), FileTime.fromMillis(1_000));
        Files.setLastModifiedTime(mid.folder(), FileTime.fromMillis(2_000));
        long oneDataset = size(recent.folder());

        // Room for two datasets: the job uses the oldest and the newest, so the one in between goes.
        new DatasetCache(store, config(dir, 10, 1_000_000, 1_000_000, 2 * oneDataset + oneDataset / 2))
                .evictBeyondBudget(List.of(old, recent));

        assertThat(mid.folder()).doesNotExist();
        assertThat(old.folder()).isDirectory();
        assertThat(recent.folder()).isDirectory();
    }

    private static WorkerConfig config(Path dir, int maxImages, long maxBytes, long maxImageBytes) {
        return config(dir, maxImages, maxBytes, maxImageBytes, Long.MAX_VALUE);
    }

    private static WorkerConfig config(Path dir, int maxImages, long maxBytes, long maxImageBytes, long cacheBytes) {
        return WorkerConfigs.of(Map.of("cacheDir", dir, "datasetMaxImages", maxImages, "datasetMaxBytes", maxBytes,
                "datasetMaxImageBytes", maxImageBytes, "cacheMaxBytes", cacheBytes));
    }

    private static long size(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** Noise, so that PNG compression keeps the file size growing with the side. */
    private static byte[] png(int side) throws IOException {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(side);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
