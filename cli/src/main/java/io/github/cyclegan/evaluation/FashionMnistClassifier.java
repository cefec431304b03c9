package io.github.cyclegan.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.cyclegan.image.ChwImage;
import io.github.cyclegan.weights.NamedTensor;
import io.github.cyclegan.weights.SafetensorsReader;
import io.github.cyclegan.model.WeightFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small CNN that tells the ten Fashion-MNIST classes apart ({@link #LABELS}); the bundled weights
 * ({@link #bundled()}) reach 90.70 % on the t10k test set (see docs/evaluation.md for how they were trained).
 *
 * <p>Any image is accepted: it is first turned into one 28×28 gray plane by {@link #toInput}. The weights do not
 * require gradients, so classifying records no autograd graph on any thread, and each call computes in its own
 * manager, so calls may run concurrently; {@link #close} must come after the last call.
 */
public final class FashionMnistClassifier implements DomainClassifier, AutoCloseable {

    public static final List<String> LABELS = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    public static final int SNEAKER = 7;
    public static final int ANKLE_BOOT = 9;
    /** Input height and width. */
    public static final int SIZE = ClassifierNetwork.SIZE;

    /** The committed weights, next to this class on the classpath. */
    static final String BUNDLED_RESOURCE = "fashion-mnist-classifier.safetensors";

    /** Images per forward pass: bounds memory for long lists (28×28 activations are small). */
    private static final int BATCH = 256;

    private final NDManager manager;
    private final Map<String, NDArray> weights;

    private FashionMnistClassifier(NDManager manager, Map<String, NDArray> weights) {
        this.manager = manager;
        this.weights = weights;
    }

    /** The classifier trained on Fashion-MNIST that ships with this library (no download). */
    public static FashionMnistClassifier bundled() {
        try (InputStream in = FashionMnistClassifier.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the classpath lacks " + BUNDLED_RESOURCE + " next to "
                        + FashionMnistClassifier.class.getName());
            }
            return fromStateDict(SafetensorsReader.read(in.readAllBytes()).tensors());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled classifier weights", e);
        }
    }

    /** A classifier from a safetensors (or .pth) state dict with the names of {@link ClassifierNetwork}. */
    public static FashionMnistClassifier fromFile(Path file) throws IOException {
        return fromStateDict(WeightFiles.read(file));
    }

    public static FashionMnistClassifier fromStateDict(Map<String, NamedTensor> stateDict) {
        Objects.requireNonNull(stateDict, "stateDict");
        NDManager manager = NDManager.newBaseManager();
        try {
            return new FashionMnistClassifier(manager, ClassifierNetwork.toArrays(stateDict, manager));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public int classCount() {
        return ClassifierNetwork.CLASSES;
    }

    @Override
    public List<float[]> probabilities(List<ChwImage> images) {
        List<float[]> out = new ArrayList<>(images.size());
        for (int start = 0; start < images.size(); start += BATCH) {
            List<ChwImage> batch = images.subList(start, Math.min(images.size(), start + BATCH));
            float[] input = new float[batch.size() * SIZE * SIZE];
            for (int i = 0; i < batch.size(); i++) {
                System.arraycopy(toInput(batch.get(i)), 0, input, i * SIZE * SIZE, SIZE * SIZE);
            }
            float[] probabilities = forward(input, batch.size());
            for (int i = 0; i < batch.size(); i++) {
                float[] row = new float[classCount()];
                System.arraycopy(probabilities, i * row.length, row, 0, row.length);
                out.add(row);
            }
        }
        return out;
    }

    private float[] forward(float[] input, int count) {
        // A root manager per call keeps the weights' manager free of per-call arrays and concurrent calls apart.
        try (NDManager call = NDManager.newBaseManager()) {
            NDArray x = call.create(input, new Shape(count, 1, SIZE, SIZE));
            return ClassifierNetwork.logits(weights, x).softmax(1).toFloatArray();
        }
    }

    /**
     * The classifier's view of an image: one 28×28 plane in [-1, 1]. Three channels are first mixed to gray with
     * the ITU-R 601-2 luma weights (0.299, 0.587, 0.114; PIL's {@code convert('L')} without its rounding to 8 bits);
     * other sizes are then resampled by area averaging: each output pixel is the mean of the input pixels under
     * its footprint, weighted by the covered fraction (exact box filtering when shrinking, nearest-neighbour-like
     * blocks when enlarging). A 1-channel 28×28 image is returned unchanged.
     */
    public static float[] toInput(ChwImage image) {
        float[] gray = gray(image);
        if (image.height() == SIZE && image.width() == SIZE) {
            return gray;
        }
        return AreaResize.resize(gray, image.height(), image.width(), SIZE, SIZE);
    }

    private static float[] gray(ChwImage image) {
        float[] data = image.data();
        int plane = image.height() * image.width();
        if (image.channels() == 1) {
            return data.clone();
        }
        if (image.channels() != 3) {
            throw new IllegalArgumentException("the classifier takes 1- or 3-channel images, not " + image.channels());
        }
        float[] out = new float[plane];
        for (int i = 0; i < plane; i++) {
            out[i] = 0.299f * data[i] + 0.587f * data[plane + i] + 0.114f * data[2 * plane + i];
        }
        return out;
    }

    /** Arrays the classifier's own manager holds: its eight weights, however many calls it served. */
    int managedArrayCount() {
        return manager.getManagedArrays().size();
    }

    @Override
    public void close() {
        manager.close();
    }
}
