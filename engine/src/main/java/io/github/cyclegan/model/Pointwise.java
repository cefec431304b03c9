package io.github.cyclegan.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.UnaryOperator;

/**
 * A shape-preserving layer without parameters (activations, identity). It still occupies its index in a
 * {@link TorchSequential}, as the module does in PyTorch, so that later state-dict keys keep their numbers.
 */
public final class Pointwise extends AbstractBlock {

    private final String name;
    private final UnaryOperator<NDArray> function;

    private Pointwise(String name, UnaryOperator<NDArray> function) {
        this.name = name;
        this.function = function;
    }

    public static Pointwise relu() {
        return new Pointwise("ReLU", Activation::relu);
    }

    public static Pointwise leakyRelu(float slope) {
        return new Pointwise("LeakyReLU(" + slope + ")", x -> Activation.leakyRelu(x, slope));
    }

    public static Pointwise tanh() {
        return new Pointwise("Tanh", Activation::tanh);
    }

    /** The reference's norm "none" inserts an Identity module. */
    public static Pointwise identity() {
        return new Pointwise("Identity", x -> x);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(function.apply(inputs.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return name;
    }
}
