package io.github.cyclegan.trainingworker.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.cyclegan.image.ImageDecodeOptions;
import io.github.cyclegan.image.ImageDecoder;
import io.github.cyclegan.storage.ObjectInfo;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.storage.S3Uri;
import io.github.cyclegan.training.FolderImageSet;
import io.github.cyclegan.trainingworker.config.WorkerConfig;
import io.github.cyclegan.trainingworker.job.JobFailedException;
import io.quarkus.runtime.StartupEvent;

/**
 * Copies a dataset prefix to local disk once per content: the cache folder is named after the
 * prefix and the listing's keys and ETags, so a rerun over unchanged data reuses it and changed
 * data gets a fresh copy. Each image is decoded once on download; unreadable ones are left out
 * and counted, so one corrupt file never fails a job. A job cannot fill the disk: a dataset's
 * image count and bytes are checked on the listing before anything is downloaded, oversized files
 * are skipped unread, and the cache is held to its budget by deleting the least recently used
 * datasets of other jobs.
 */
@ApplicationScoped
public class DatasetCache {

    private static final Logger LOG = Logger.getLogger(DatasetCache.class);
    private static final String IMAGES = "images";
    private static final String SKIPPED = "skipped.txt";
    private static final String STAGING_PREFIX = "download-";

    private final ObjectStore store;
    private final WorkerConfig config;
    private final Path root;
    private final ImageDecoder decoder = new ImageDecoder(ImageDecodeOptions.defaults());

    @Inject
    public DatasetCache(ObjectStore store, WorkerConfig config) {
        this.store = store;
        this.config = config;
        this.root = config.cacheDir().resolve("datasets");
    }

    void onStart(@Observes StartupEvent event) {
        removeStaleDownloads();
    }

    /**
     * Deletes the staging folders a worker that died mid-download left behind; nothing reads them,
     * and each can be a whole dataset. The cache directory belongs to one worker, so at start-up no
     * download of this cache is in progress.
     */
    void removeStaleDownloads() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(root, STAGING_PREFIX + "*")) {
            for (Path folder : stale) {
                deleteTree(folder);
                LOG.infof("removed the unfinished dataset download %s", folder);
            }
        } catch (IOException e) {
            // Only disk space is at stake; a worker that cannot tidy its cache can still train.
            LOG.warnf(e, "cannot remove unfinished dataset downloads under %s", root);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /**
     * @param field the job field it came from ({@code datasetA}), for error messages
     * @param uriText the dataset's {@code s3://} prefix
     * @param perFile called after each image file downloaded, as a sign of progress
     */
    public LocalDataset fetch(String field, String uriText, Runnable perFile) {
        S3Uri uri = S3Uri.parse(uriText).asPrefix();
        if (!uri.bucket().equals(store.bucket())) {
            throw new JobFailedException(field + " " + uri + " is outside the bucket this worker reads ('" + store.bucket() + "')");
        }
        List<ObjectInfo> objects = store.list(uri.key());
        if (objects.isEmpty()) {
            throw new JobFailedException(field + " " + uri + " does not exist (no objects under that prefix)");
        }
        List<ObjectInfo> images = objects.stream().filter(o -> FolderImageSet.isImageName(Path.of(o.key()))).toList();
        checkSize(field, uri, images);
        Path folder = root.resolve(fingerprint(uri, images));
        if (!Files.isDirectory(folder)) {
            download(uri, images, folder, perFile);
        }
        markUsed(folder);
        LocalDataset dataset = new LocalDataset(new FolderImageSet(folder.resolve(IMAGES), decoder), readSkipped(folder),
                folder);
        if (dataset.images().size() == 0) {
            throw new JobFailedException(field + " " + uri + " has no readable images (" + images.size() + " image files, "
                    + dataset.skipped() + " unreadable; extensions read: " + String.join(", ", FolderImageSet.EXTENSIONS.stream().sorted().toList()) + ")");
        }
        // Skipped images shrink the training set silently otherwise, so they are worth a warning.
        LOG.logf(dataset.skipped() > 0 ? Logger.Level.WARN : Logger.Level.INFO,
                "%s %s: %d images, %d unreadable skipped, cached in %s", field, uri, dataset.images().size(),
                dataset.skipped(), folder);
        return dataset;
    }

    /** Refuses a dataset too large for this worker from its listing, before a byte is downloaded. */
    private void checkSize(String field, S3Uri uri, List<ObjectInfo> images) {
        if (images.size() > config.datasetMaxImages()) {
            throw new JobFailedException(field + " " + uri + " has " + images.size() + " image files, more than this "
                    + "worker takes (cyclegan.training.dataset-max-images " + config.datasetMaxImages() + ")");
        }
        long bytes = images.stream().filter(o -> o.size() <= config.datasetMaxImageBytes()).mapToLong(ObjectInfo::size)
                .sum();
        if (bytes > config.datasetMaxBytes()) {
            throw new JobFailedException(field + " " + uri + " holds " + bytes + " bytes of images, more than this "
                    + "worker takes (cyclegan.training.dataset-max-bytes " + config.datasetMaxBytes() + ")");
        }
    }

    /**
     * Deletes the least recently used cached datasets other than {@code inUse} until the cache fits
     * {@code cyclegan.training.cache-max-bytes}.
     */
    public void evictBeyondBudget(List<LocalDataset> inUse) {
        List<Path> keep = inUse.stream().map(LocalDataset::folder).toList();
        try (Stream<Path> folders = Files.list(root)) {
            List<Path> cached = folders.filter(Files::isDirectory)
                    .filter(f -> !f.getFileName().toString().startsWith(STAGING_PREFIX))
                    .sorted(Comparator.comparing(DatasetCache::lastUsed)).toList();
            long total = 0;
            for (Path folder : cached) {
                total += bytes(folder);
            }
            for (Path folder : cached) {
                if (total <= config.cacheMaxBytes()) {
                    return;
                }
                if (!keep.contains(folder)) {
                    long size = bytes(folder);
                    deleteTree(folder);
                    total -= size;
                    LOG.infof("evicted the cached dataset %s (%d bytes) to keep the cache within %d bytes", folder,
                            size, config.cacheMaxBytes());
                }
            }
        } catch (IOException e) {
            // Only disk space is at stake; the next job tries again.
            LOG.warnf(e, "cannot keep the dataset cache %s within its budget", root);
        }
    }

    private static void markUsed(Path folder) {
        try {
            Files.setLastModifiedTime(folder, FileTime.from(Instant.now()));
        } catch (IOException e) {
            LOG.debugf("cannot mark %s as used: %s", folder, e.getMessage());
        }
    }

    private static FileTime lastUsed(Path folder) {
        try {
            return Files.getLastModifiedTime(folder);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static long bytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** Downloads into a temporary folder renamed into place at the end, so a crash never leaves a half cache. */
    private void download(S3Uri uri, List<ObjectInfo> images, Path folder, Runnable perFile) {
        try {
            Files.createDirectories(root);
            Path staging = Files.createTempDirectory(root, STAGING_PREFIX);
            Path imageDir = Files.createDirectories(staging.resolve(IMAGES));
            int skipped = 0;
            for (ObjectInfo object : images) {
                if (object.size() > config.datasetMaxImageBytes()) {
                    LOG.warnf("skipping %s: %d bytes, more than cyclegan.training.dataset-max-image-bytes %d",
                            object.key(), object.size(), config.datasetMaxImageBytes());
                    skipped++;
                    perFile.run();
                    continue;
                }
                byte[] bytes;
                try (InputStream in = store.open(object.key())) {
                    bytes = in.readAllBytes();
                }
                if (readable(object.key(), bytes)) {
                    // Keys below sub-folders are flattened; the name keeps the order FolderImageSet sorts by.
                    String name = object.key().substring(uri.key().length()).replace('/', '_');
                    Files.write(imageDir.resolve(name), bytes);
                } else {
                    skipped++;
                }
                perFile.run();
            }
            Files.writeString(staging.resolve(SKIPPED), Integer.toString(skipped));
            Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cache " + uri + " under " + root, e);
        }
    }

    private boolean readable(String key, byte[] bytes) {
        try {
            decoder.decode(bytes);
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("skipping unreadable image %s: %s", key, e.getMessage());
            return false;
        }
    }

    private static int readSkipped(Path folder) {
        try {
            return Integer.parseInt(Files.readString(folder.resolve(SKIPPED)).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt dataset cache " + folder, e);
        }
    }

    private static String fingerprint(S3Uri uri, List<ObjectInfo> images) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(uri.toString().getBytes(StandardCharsets.UTF_8));
            images.stream().sorted(Comparator.comparing(ObjectInfo::key))
                    .forEach(o -> sha.update(("\n" + o.key() + "\t" + o.etag()).getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
