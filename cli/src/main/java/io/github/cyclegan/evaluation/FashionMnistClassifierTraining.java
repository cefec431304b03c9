package io.github.cyclegan.evaluation;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.cyclegan.image.ChwImage;
import io.github.cyclegan.weights.DjlTensors;
import io.github.cyclegan.weights.NamedTensor;
import io.github.cyclegan.training.Adam;
import io.github.cyclegan.training.SplitMix64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains {@link FashionMnistClassifier}'s network: mini-batch cross-entropy with {@link Adam}, the training set
 * reshuffled every epoch. Weights and data order come from SplitMix64 streams of one seed, so a seed reproduces a
 * run on the same machine (libtorch's CPU kernels may still round differently elsewhere).
 *
 * <p>Opens a {@link GradientCollector} per batch, so it must not run while anything else in the JVM trains.
 */
public final class FashionMnistClassifierTraining implements AutoCloseable {

    /** Hyper-parameters: Adam's learning rate with betas 0.9, 0.999 and eps 1e-8, as torch.optim.Adam's defaults. */
    public record Options(int epochs, int batchSize, double learningRate, long seed) {
        public Options {
            if (epochs <= 0 || batchSize <= 0 || !(learningRate > 0)) {
                throw new IllegalArgumentException("epochs, batch size and learning rate must be positive, got "
                        + epochs + ", " + batchSize + ", " + learningRate);
            }
        }

        /** What the bundled weights were trained with, except the epochs and seed the command line sets. */
        public static Options defaults(int epochs, long seed) {
            return new Options(epochs, 64, 1e-3, seed);
        }
    }

    /** Called after every batch with the batch's mean loss, e.g. to show progress. */
    @FunctionalInterface
    public interface Listener {
        void onBatch(int epoch, int batch, int batches, double loss);
    }

    private static final int PIXELS = ClassifierNetwork.SIZE * ClassifierNetwork.SIZE;

    private final Options options;
    private final NDManager manager;
    private final Map<String, NDArray> weights = new LinkedHashMap<>();
    private final Adam adam;

    public FashionMnistClassifierTraining(Options options) {
        this.options = options;
        this.manager = NDManager.newBaseManager();
        try {
            List<Adam.Param> params = new ArrayList<>();
            for (NamedTensor tensor : initialWeights(options.seed())) {
                NDArray array = DjlTensors.toNDArray(tensor, manager);
                array.setRequiresGradient(true);
                weights.put(tensor.name(), array);
                params.add(new Adam.Param(tensor.name(), array));
            }
            this.adam = new Adam(params, 0.9, 0.999, 1e-8, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The untrained weights a run with {@code seed} starts from. */
    public static List<NamedTensor> initialWeights(long seed) {
        return ClassifierNetwork.initialWeights(SplitMix64.derive(seed, 0));
    }

    /** Runs all epochs over {@code data} (28×28 images, labels 0..9). */
    public void train(LabelledImages data, Listener listener) {
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            trainEpoch(data, epoch, listener);
        }
    }

    /** One pass over {@code data} in the epoch's shuffled order; returns the mean loss over its batches. */
    public double trainEpoch(LabelledImages data, int epoch, Listener listener) {
        if (data.rows() != ClassifierNetwork.SIZE || data.cols() != ClassifierNetwork.SIZE || data.count() == 0) {
            throw new IllegalArgumentException("training needs 28x28 images, got " + data.count() + " of "
                    + data.cols() + "x" + data.rows());
        }
        int[] order = permutation(data.count(), new SplitMix64(SplitMix64.derive(options.seed(), epoch + 1L)));
        int batches = (data.count() + options.batchSize() - 1) / options.batchSize();
        double total = 0;
        for (int b = 0; b < batches; b++) {
            int from = b * options.batchSize();
            int to = Math.min(data.count(), from + options.batchSize());
            double loss = step(data, order, from, to);
            total += loss;
            listener.onBatch(epoch, b, batches, loss);
        }
        return total / batches;
    }

    private double step(LabelledImages data, int[] order, int from, int to) {
        int n = to - from;
        float[] pixels = new float[n * PIXELS];
        // Each row holds 1/n at the label's column: the batch's mean cross-entropy is -sum(target * log_softmax).
        float[] target = new float[n * ClassifierNetwork.CLASSES];
        byte[] all = data.pixels();
        for (int i = 0; i < n; i++) {
            int index = order[from + i];
            for (int p = 0; p < PIXELS; p++) {
                pixels[i * PIXELS + p] = ((all[index * PIXELS + p] & 0xFF) / 255f - 0.5f) / 0.5f;
            }
            target[i * ClassifierNetwork.CLASSES + data.label(index)] = 1f / n;
        }
        double loss;
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(pixels, new Shape(n, 1, ClassifierNetwork.SIZE, ClassifierNetwork.SIZE));
            NDArray t = scope.create(target, new Shape(n, ClassifierNetwork.CLASSES));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray value = ClassifierNetwork.logits(weights, x).logSoftmax(1).mul(t).sum().neg();
                collector.backward(value);
                loss = value.getFloat();
            }
        }
        adam.step(options.learningRate());
        return loss;
    }

    /** Fisher-Yates over 0..count-1. */
    private static int[] permutation(int count, SplitMix64 random) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** Copies of the current weights under their state-dict names, for saving or {@link FashionMnistClassifier}. */
    public List<NamedTensor> weights() {
        List<NamedTensor> out = new ArrayList<>();
        for (NDArray array : weights.values()) {
            out.add(DjlTensors.fromNDArray(array));
        }
        return out;
    }

    /** A classifier with a copy of the current weights, independent of further training. */
    public FashionMnistClassifier classifier() {
        Map<String, NamedTensor> stateDict = new LinkedHashMap<>();
        for (NamedTensor tensor : weights()) {
            stateDict.put(tensor.name(), tensor);
        }
        return FashionMnistClassifier.fromStateDict(stateDict);
    }

    /** Share of {@code data}'s images whose predicted class is their label. */
    public static double accuracy(DomainClassifier classifier, LabelledImages data) {
        List<ChwImage> images = new ArrayList<>(data.count());
        for (int i = 0; i < data.count(); i++) {
            images.add(data.image(i));
        }
        int[] predicted = classifier.predict(images);
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == data.label(i)) {
                correct++;
            }
        }
        return data.count() == 0 ? 0 : (double) correct / data.count();
    }

    /** Arrays the training holds: the weights and two Adam moments per weight, however many steps it took. */
    int managedArrayCount() {
        return manager.getManagedArrays().size();
    }

    @Override
    public void close() {
        adam.close();
        manager.close();
    }
}
