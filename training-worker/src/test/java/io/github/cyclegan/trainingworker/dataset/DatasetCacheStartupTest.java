package io.github.cyclegan.trainingworker.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.storage.StorageSettings;
import io.github.cyclegan.trainingworker.WorkerConfigs;

class DatasetCacheStartupTest {

    @Test
    void startUpRemovesUnfinishedDownloadsAndKeepsCachedDatasets(@TempDir Path cacheDir) throws Exception {
        Path datasets = Files.createDirectories(cacheDir.resolve("datasets"));
        Path stale = Files.createDirectories(datasets.resolve("download-12345/images"));
        Files.write(stale.resolve("img00.png"), new byte[] {1, 2, 3});
        Path cached = Files.createDirectories(datasets.resolve("0123456789abcdef0123456789abcdef/images"));
        Files.write(cached.resolve("img00.png"), new byte[] {1, 2, 3});

        // The store is never contacted: start-up tidying is local only.
        ObjectStore store = new ObjectStore(StorageSettings.of(URI.create("http://127.0.0.1:9"), "key", "secret"));
        new DatasetCache(store, WorkerConfigs.of(cacheDir, 3)).removeStaleDownloads();

        assertThat(datasets.resolve("download-12345")).doesNotExist();
        assertThat(cached.resolve("img00.png")).exists();
    }
}
