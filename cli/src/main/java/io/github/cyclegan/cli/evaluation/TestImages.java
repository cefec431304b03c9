package io.github.cyclegan.cli.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.github.cyclegan.evaluation.NamedImage;
import io.github.cyclegan.image.ImageDecodeException;
import io.github.cyclegan.image.ImageDecodeOptions;
import io.github.cyclegan.image.ImageDecoder;
import io.github.cyclegan.image.ImageTensors;
import io.github.cyclegan.storage.ObjectInfo;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.training.FolderImageSet;

/**
 * A test set as the quality evaluator takes it: every image of a folder or an S3 prefix, decoded
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

    public static List<NamedImage> fromStore(ObjectStore store, String prefix, int channels) {
        List<NamedImage> images = new ArrayList<>();
        List<ObjectInfo> objects = store.list(prefix).stream()
                .filter(o -> FolderImageSet.isImageName(Path.of(o.key())))
                .sorted(Comparator.comparing(ObjectInfo::key)).toList();
        for (ObjectInfo object : objects) {
            String name = object.key().substring(object.key().lastIndexOf('/') + 1);
            images.add(decode(name, store.get(object.key()), channels, store.uri(object.key()).toString()));
        }
        return requireSome(images, store.uri(prefix).toString());
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
