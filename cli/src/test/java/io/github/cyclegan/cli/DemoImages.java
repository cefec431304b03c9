package io.github.cyclegan.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A few of the committed Fashion-MNIST demo images (28x28 gray PNGs; sneakers are A, ankle boots B). */
public final class DemoImages {

    private static final Path DEMO = Path.of("..", "demo", "sneakers2boots");

    private DemoImages() {
    }

    /** Copies the first {@code count} images of the demo's {@code folder} into {@code target}, created if needed. */
    public static List<Path> copy(String folder, int count, Path target) {
        try (Stream<Path> files = Files.list(DEMO.resolve(folder))) {
            Files.createDirectories(target);
            List<Path> copies = files.sorted().limit(count).map(f -> target.resolve(f.getFileName())).toList();
            for (Path copy : copies) {
                Files.copy(DEMO.resolve(folder).resolve(copy.getFileName()), copy);
            }
            return copies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A dataset folder in the reference layout: {@code train} images in trainA/ and trainB/, {@code test} in testA/. */
    public static Path layout(Path dir, int train, int test) {
        copy("trainA", train, dir.resolve("trainA"));
        copy("trainB", train, dir.resolve("trainB"));
        if (test > 0) {
            copy("testA", test, dir.resolve("testA"));
        }
        return dir;
    }
}
