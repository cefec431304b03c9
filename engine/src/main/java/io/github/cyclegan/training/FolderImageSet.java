package io.github.cyclegan.training;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import io.github.cyclegan.image.ImageDecoder;

/**
 * The images of one folder (not recursive), in file-name order, decoded on demand with the safe
 * {@link ImageDecoder}. Files are recognised by extension, as the reference's {@code make_dataset}.
 */
public final class FolderImageSet implements ImageSet {

    /** What the reference's IMG_EXTENSIONS accept, plus webp when an ImageIO plug-in reads it. */
    public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "ppm", "bmp", "tif", "tiff", "webp");

    private final List<Path> files;
    private final ImageDecoder decoder;

    public FolderImageSet(Path folder, ImageDecoder decoder) {
        this.decoder = decoder;
        try (Stream<Path> entries = Files.list(folder)) {
            this.files = entries.filter(Files::isRegularFile).filter(FolderImageSet::isImageName).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list images in " + folder, e);
        }
    }

    public static boolean isImageName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    public List<Path> files() {
        return files;
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public BufferedImage load(int index) throws IOException {
        Path file = files.get(index);
        try {
            return decoder.decode(Files.readAllBytes(file)).image();
        } catch (RuntimeException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
