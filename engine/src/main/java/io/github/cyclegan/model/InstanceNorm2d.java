package io.github.cyclegan.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * PyTorch's InstanceNorm2d(affine=false, track_running_stats=false, eps=1e-5): each sample and channel is
 * normalised over its own H x W plane with the biased variance, in training and inference alike.
 * Layer norm over the last two axes computes exactly that and is faster than mean/variance by hand.
 */
public final class InstanceNorm2d extends AbstractBlock {

    static final float EPSILON = 1e-5f;

    private final int channels;

    public InstanceNorm2d(int channels) {
        this.channels = channels;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape plane = new Shape(x.getShape().get(2), x.getShape().get(3));
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDManager manager = x.getManager();
            NDArray ones = manager.ones(plane, x.getDataType());
            NDArray zeros = manager.zeros(plane, x.getDataType());
            NDArray out = LayerNorm.layerNorm(x, plane, ones, zeros, EPSILON).singletonOrThrow();
            NDScope.unregister(out);
            return new NDList(out);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return "InstanceNorm2d(" + channels + ")";
    }
}
