package io.github.cyclegan.cli.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.cyclegan.evaluation.NamedImage;
import io.github.cyclegan.image.ImageDecodeException;
import io.github.cyclegan.image.ImageDecodeOptions;
import io.github.cyclegan.image.ImageDecoder;
import io.github.cyclegan.image.ImageTensors;
import io.github.cyclegan.client.Datasets;
import io.github.cyclegan.training.FolderImageSet;

/**
 * A test set as the quality evaluator takes it: every image of a folder or of a stored dataset's folder, decoded
 * with the model's channel count and sorted by name, so that a report is reproducible.
 */
public final class TestImages {

    private static final ImageDecoder DECODER = new ImageDecoder(ImageDecodeOptions.defaults());

    private TestImages() {
    }

    public static List<NamedImage> fromFolder(Path folder, int channels) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("no test folder " + folder);
        }
        List<NamedImage> images = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(FolderImageSet::isImageName).sorted().toList()) {
                images.add(decode(file.getFileName().toString(), Files.readAllBytes(file), channels, file.toString()));
            }
        }
        return requireSome(images, folder.toString());
    }

    public static List<NamedImage> fromDataset(Datasets datasets, String dataset, String folder, int channels) {
        List<NamedImage> images = new ArrayList<>();
        for (String name : datasets.files(dataset, folder)) {
            if (FolderImageSet.isImageName(Path.of(name))) {
                images.add(decode(name, datasets.read(dataset, folder, name), channels, datasets.uri(dataset, folder)
                        + name));
            }
        }
        return requireSome(images, datasets.uri(dataset, folder));
    }

    private static NamedImage decode(String name, byte[] bytes, int channels, String where) {
        try {
            return new NamedImage(name, ImageTensors.toChw(DECODER.decode(bytes).image(), channels));
        } catch (ImageDecodeException e) {
            throw new IllegalArgumentException(where + " is not a readable image: " + e.getMessage(), e);
        }
    }

    private static List<NamedImage> requireSome(List<NamedImage> images, String where) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no test images in " + where);
        }
        return images;
    }
}
