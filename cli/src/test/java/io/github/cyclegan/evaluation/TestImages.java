package io.github.cyclegan.evaluation;

import io.github.cyclegan.image.ImageTensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** The committed images the evaluation tests use: the demo's test sets and the 10-class classifier sample. */
final class TestImages {

    private TestImages() {
    }

    /** {@code demo/sneakers2boots/FOLDER} of the repository, reached from the module's base directory. */
    static List<NamedImage> demo(String folder) {
        return gray(Path.of(System.getProperty("basedir", ".")).toAbsolutePath()
                .resolve("../demo/sneakers2boots").resolve(folder).normalize());
    }

    /** The 300 t10k images of make_classifier_sample.py, named {@code CLASS_t10k_INDEX.png}. */
    static List<NamedImage> classifierSample() {
        return gray(sampleFolder());
    }

    private static Path sampleFolder() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath()
                .resolve("src/test/resources/evaluation/fashion-mnist-sample");
    }

    static int labelOf(NamedImage image) {
        return labelOf(image.name());
    }

    /** The same sample with its 8-bit pixels as read from the PNGs, laid out as IDX files hold them. */
    static LabelledImages classifierSampleAsIdx() {
        List<Path> files = pngs(sampleFolder());
        byte[] pixels = new byte[files.size() * 28 * 28];
        byte[] labels = new byte[files.size()];
        try {
            for (int i = 0; i < files.size(); i++) {
                byte[] planes = ImageTensors.toPlanes(ImageIO.read(files.get(i).toFile()), 1).data();
                System.arraycopy(planes, 0, pixels, i * 28 * 28, 28 * 28);
                labels[i] = (byte) labelOf(files.get(i).getFileName().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LabelledImages(files.size(), 28, 28, pixels, labels);
    }

    private static int labelOf(String name) {
        return Integer.parseInt(name.substring(0, name.indexOf('_')));
    }

    /** Every PNG in {@code folder}, sorted by name, as one-channel images. */
    static List<NamedImage> gray(Path folder) {
        List<NamedImage> images = new ArrayList<>();
        try {
            for (Path file : pngs(folder)) {
                images.add(new NamedImage(file.getFileName().toString(),
                        ImageTensors.toChw(ImageIO.read(file.toFile()), 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return images;
    }

    private static List<Path> pngs(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> pngs = files.filter(f -> f.toString().endsWith(".png")).sorted().toList();
            if (pngs.isEmpty()) {
                throw new IllegalStateException("no PNG images in " + folder);
            }
            return pngs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
