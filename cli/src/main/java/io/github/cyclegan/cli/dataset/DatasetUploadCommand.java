package io.github.cyclegan.cli.dataset;

import io.github.cyclegan.cli.ConnectionOptions;
import io.github.cyclegan.cli.ProgressLine;
import io.github.cyclegan.client.CycleganClient;
import io.github.cyclegan.client.Datasets;
import io.github.cyclegan.storage.DatasetKeys;
import io.github.cyclegan.training.FolderImageSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./cyclegan dataset upload}: a local folder (or two) to {@code datasets/NAME/...}, replacing what was there. */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = {"Upload images to datasets/NAME/ in the bucket and print the s3:// URIs a training job reads.",
            "Either DIR in the reference layout (trainA/ and trainB/, optionally testA/ and testB/), or --a DIR and "
                    + "--b DIR (uploaded as trainA/ and trainB/). Image files (jpg, jpeg, png, ppm, bmp, tif, tiff, "
                    + "webp) are uploaded; uploading again replaces the folders uploaded (objects no longer in them "
                    + "are deleted)."})
public final class DatasetUploadCommand implements Callable<Integer> {

    private static final int PARALLEL_UPLOADS = 4;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "NAME", description = "Dataset name, e.g. horse2zebra.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DIR", description = "A folder with trainA/ and trainB/ "
            + "(and optionally testA/, testB/).")
    Path layout;

    @Option(names = "--a", paramLabel = "DIR", description = "Images of domain A (instead of DIR; needs --b).")
    Path a;

    @Option(names = "--b", paramLabel = "DIR", description = "Images of domain B (instead of DIR; needs --a).")
    Path b;

    @Override
    public Integer call() throws Exception {
        if (name.isBlank() || name.contains("/")) {
            throw new ParameterException(spec.commandLine(), "dataset name must be one path segment, got '" + name + "'");
        }
        boolean fromLayout = layout != null && a == null && b == null;
        boolean fromPair = layout == null && a != null && b != null;
        if (!fromLayout && !fromPair) {
            throw new ParameterException(spec.commandLine(), "give either DIR (the reference layout) or both --a DIR "
                    + "and --b DIR");
        }
        Map<String, List<Path>> folders = new LinkedHashMap<>();
        if (fromLayout) {
            folders.putAll(fromLayout(layout));
        } else {
            folders.put("trainA", images(a, "--a"));
            folders.put("trainB", images(b, "--b"));
        }
        PrintWriter out = spec.commandLine().getOut();
        ProgressLine progress = ProgressLine.of(out);
        try (CycleganClient client = connection.connectStorage()) {
            Datasets datasets = client.datasets();
            for (Map.Entry<String, List<Path>> folder : folders.entrySet()) {
                upload(datasets, folder.getKey(), folder.getValue(), progress);
            }
            out.println("dataset " + name + " uploaded:");
            for (Map.Entry<String, List<Path>> folder : folders.entrySet()) {
                out.printf("  %-7s %s (%d images)%n", folder.getKey(), datasets.uri(name, folder.getKey()),
                        folder.getValue().size());
            }
        }
        out.println("Train on it with: ./cyclegan train --model MODEL --dataset " + name);
        out.flush();
        return 0;
    }

    /** The images of each folder of the reference layout that is present; trainA and trainB must be. */
    private Map<String, List<Path>> fromLayout(Path dir) throws IOException {
        requireDirectory(dir, "DIR");
        Map<String, List<Path>> folders = new LinkedHashMap<>();
        for (String folder : DatasetKeys.FOLDERS) {
            Path sub = dir.resolve(folder);
            if (Files.isDirectory(sub)) {
                folders.put(folder, images(sub, folder + "/"));
            } else if (folder.startsWith("train")) {
                throw new ParameterException(spec.commandLine(), dir + " is not in the reference layout: it has no "
                        + folder + "/ folder (expected trainA/ and trainB/, optionally testA/ and testB/); "
                        + "or name the two folders with --a DIR --b DIR");
            }
        }
        return folders;
    }

    private List<Path> images(Path dir, String what) throws IOException {
        requireDirectory(dir, what);
        List<Path> images;
        try (Stream<Path> files = Files.list(dir)) {
            images = files.filter(Files::isRegularFile).filter(FolderImageSet::isImageName).sorted().toList();
        }
        if (images.isEmpty()) {
            throw new ParameterException(spec.commandLine(), dir + " has no images (file names ending in "
                    + String.join(", ", new TreeSet<>(FolderImageSet.EXTENSIONS)) + ")");
        }
        return images;
    }

    private void requireDirectory(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), what + ": no folder " + dir);
        }
    }

    /** Uploads a few files at a time (small images are dominated by round trips), then deletes leftovers. */
    private void upload(Datasets datasets, String folder, List<Path> files, ProgressLine progress)
            throws InterruptedException, ExecutionException {
        Set<String> names = new TreeSet<>();
        files.forEach(f -> names.add(f.getFileName().toString()));
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_UPLOADS);
        try {
            List<Future<?>> uploads = new ArrayList<>();
            for (Path file : files) {
                uploads.add(pool.submit(() -> {
                    datasets.put(name, folder, file.getFileName().toString(), Files.readAllBytes(file));
                    int n = done.incrementAndGet();
                    if (n % 50 == 0 || n == files.size()) {
                        synchronized (progress) {
                            progress.update(String.format("%-7s %s %d/%d", folder, ProgressLine.bar(n, files.size()),
                                    n, files.size()));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> upload : uploads) {
                upload.get();
            }
        } finally {
            pool.shutdownNow();
        }
        int stale = datasets.deleteAllBut(name, folder, names);
        progress.println(String.format("%-7s %d images uploaded%s", folder, files.size(),
                stale == 0 ? "" : ", " + stale + " old objects deleted"));
    }
}
