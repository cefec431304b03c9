package io.github.cyclegan.evaluation;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the gzipped IDX files that MNIST and Fashion-MNIST ship in: a big-endian magic number
 * ({@code 0x00000803} for unsigned-byte images of rank 3, {@code 0x00000801} for unsigned-byte labels of
 * rank 1), the dimensions as big-endian 32-bit integers, then the bytes.
 */
public final class IdxFiles {

    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private IdxFiles() {
    }

    /**
     * The images and labels of one Fashion-MNIST split: {@code prefix} is {@code train} or {@code t10k}, the files
     * {@code PREFIX-images-idx3-ubyte.gz} and {@code PREFIX-labels-idx1-ubyte.gz} in {@code directory}.
     */
    public static LabelledImages readSplit(Path directory, String prefix) throws IOException {
        return read(directory.resolve(prefix + "-images-idx3-ubyte.gz"),
                directory.resolve(prefix + "-labels-idx1-ubyte.gz"));
    }

    public static LabelledImages read(Path imagesFile, Path labelsFile) throws IOException {
        try (DataInputStream images = open(imagesFile); DataInputStream labels = open(labelsFile)) {
            int imagesMagic = images.readInt();
            if (imagesMagic != IMAGES_MAGIC) {
                throw new IOException(imagesFile + ": not an IDX file of 8-bit images (magic "
                        + Integer.toHexString(imagesMagic) + ")");
            }
            int count = images.readInt();
            int rows = images.readInt();
            int cols = images.readInt();
            int labelsMagic = labels.readInt();
            if (labelsMagic != LABELS_MAGIC) {
                throw new IOException(labelsFile + ": not an IDX file of 8-bit labels (magic "
                        + Integer.toHexString(labelsMagic) + ")");
            }
            int labelCount = labels.readInt();
            if (labelCount != count || count < 0 || rows <= 0 || cols <= 0) {
                throw new IOException(imagesFile + " holds " + count + " images of " + cols + "x" + rows + ", "
                        + labelsFile + " " + labelCount + " labels");
            }
            byte[] pixels = new byte[Math.multiplyExact(Math.multiplyExact(count, rows), cols)];
            images.readFully(pixels);
            byte[] labelBytes = new byte[count];
            labels.readFully(labelBytes);
            return new LabelledImages(count, rows, cols, pixels, labelBytes);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            return new DataInputStream(new GZIPInputStream(in, 1 << 16));
        } catch (IOException e) {
            in.close();
            throw new IOException(file + ": not a gzip file", e);
        }
    }
}
