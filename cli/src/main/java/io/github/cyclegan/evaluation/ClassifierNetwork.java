package io.github.cyclegan.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import io.github.cyclegan.weights.DjlTensors;
import io.github.cyclegan.weights.NamedTensor;
import io.github.cyclegan.training.SplitMix64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Fashion-MNIST classifier's layers as plain functions of named weights:
 * conv 1→32 3x3, ReLU, max-pool 2, conv 32→64 3x3, ReLU, max-pool 2, linear 1600→128, ReLU, linear 128→10.
 * The names and layouts are those of a PyTorch module with attributes {@code conv1, conv2, fc1, fc2}, so the
 * weight file also loads into such a module with {@code load_state_dict}.
 *
 * <p>Every op takes the activation as its first operand, so results land in the activation's manager, never in
 * the weights' manager.
 */
final class ClassifierNetwork {

    static final int SIZE = 28;
    static final int CLASSES = 10;

    /** One weight: name, shape and the fan-in that PyTorch's default initialisation scales by. */
    record Weight(String name, long[] shape, int fanIn) {
        int size() {
            return Math.toIntExact(NamedTensor.elementCount(shape));
        }
    }

    /** In state-dict order; 28 → conv 26 → pool 13 → conv 11 → pool 5, so fc1 sees 64×5×5 = 1600 features. */
    static final List<Weight> WEIGHTS = List.of(
            new Weight("conv1.weight", new long[] {32, 1, 3, 3}, 9),
            new Weight("conv1.bias", new long[] {32}, 9),
            new Weight("conv2.weight", new long[] {64, 32, 3, 3}, 32 * 9),
            new Weight("conv2.bias", new long[] {64}, 32 * 9),
            new Weight("fc1.weight", new long[] {128, 1600}, 1600),
            new Weight("fc1.bias", new long[] {128}, 1600),
            new Weight("fc2.weight", new long[] {CLASSES, 128}, 128),
            new Weight("fc2.bias", new long[] {CLASSES}, 128));

    private static final Shape ONE = new Shape(1, 1);
    private static final Shape NO_PADDING = new Shape(0, 0);
    private static final Shape POOL = new Shape(2, 2);

    private ClassifierNetwork() {
    }

    /** Logits N×10 for inputs N×1×28×28 in [-1, 1]. */
    static NDArray logits(Map<String, NDArray> w, NDArray x) {
        NDArray h = block(x, w.get("conv1.weight"), w.get("conv1.bias"));
        h = block(h, w.get("conv2.weight"), w.get("conv2.bias"));
        h = h.reshape(h.getShape().get(0), -1);
        h = Activation.relu(Linear.linear(h, w.get("fc1.weight"), w.get("fc1.bias")).singletonOrThrow());
        return Linear.linear(h, w.get("fc2.weight"), w.get("fc2.bias")).singletonOrThrow();
    }

    private static NDArray block(NDArray x, NDArray weight, NDArray bias) {
        NDArray conv = Conv2d.conv2d(x, weight, bias, ONE, NO_PADDING, ONE, 1).singletonOrThrow();
        return Pool.maxPool2d(Activation.relu(conv), POOL, POOL, NO_PADDING, false);
    }

    /**
     * PyTorch's default initialisation of Conv2d and Linear, uniform in ±1/sqrt(fan_in) for weights and biases
     * (kaiming_uniform with a = sqrt(5) reduces to that bound), drawn from one SplitMix64 stream in state-dict order.
     */
    static List<NamedTensor> initialWeights(long seed) {
        SplitMix64 random = new SplitMix64(seed);
        List<NamedTensor> out = new ArrayList<>();
        for (Weight weight : WEIGHTS) {
            double bound = 1 / Math.sqrt(weight.fanIn());
            float[] values = new float[weight.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((2 * random.nextDouble() - 1) * bound);
            }
            out.add(new NamedTensor(weight.name(), weight.shape(), values));
        }
        return out;
    }

    /** The weights as arrays in {@code manager}, checked strictly: every name present with its shape, none extra. */
    static Map<String, NDArray> toArrays(Map<String, NamedTensor> stateDict, NDManager manager) {
        if (stateDict.size() != WEIGHTS.size()) {
            throw new IllegalArgumentException("a Fashion-MNIST classifier has " + WEIGHTS.size()
                    + " weights, the state dict holds " + stateDict.size() + ": " + stateDict.keySet());
        }
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        for (Weight weight : WEIGHTS) {
            NamedTensor tensor = stateDict.get(weight.name());
            if (tensor == null) {
                throw new IllegalArgumentException("the classifier's state dict lacks " + weight.name());
            }
            if (!Arrays.equals(tensor.shape(), weight.shape())) {
                throw new IllegalArgumentException(weight.name() + " has shape " + Arrays.toString(tensor.shape())
                        + ", the classifier needs " + Arrays.toString(weight.shape()));
            }
            arrays.put(weight.name(), DjlTensors.toNDArray(tensor, manager));
        }
        return arrays;
    }
}
