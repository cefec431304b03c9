package io.github.cyclegan.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.List;

/** PyTorch's Conv2d with square kernel, stride and zero padding; weight [out, in, k, k]. */
public final class Conv2dLayer extends AbstractBlock implements StateDictModule {

    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final Parameter weight;
    private final Parameter bias;

    public Conv2dLayer(int inChannels, int outChannels, int kernel, int stride, int padding, boolean withBias) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        weight = addParameter(Params.trainable("weight", Parameter.Type.WEIGHT,
                new Shape(outChannels, inChannels, kernel, kernel), Initializer.ZEROS));
        bias = withBias
                ? addParameter(Params.trainable("bias", Parameter.Type.BIAS, new Shape(outChannels), Initializer.ZEROS))
                : null;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = bias == null ? null : store.getValue(bias, x.getDevice(), training);
        return Conv2d.conv2d(x, w, b, new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1), 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), outChannels, outSize(in.get(2)), outSize(in.get(3)))};
    }

    private long outSize(long size) {
        return (size + 2L * padding - kernel) / stride + 1;
    }

    @Override
    public void collectStateDict(String prefix, List<StateDictEntry> out) {
        StateDictEntry.addWeightAndBias(prefix, weight, bias, out);
    }

    @Override
    public String toString() {
        return "Conv2d(" + inChannels + ", " + outChannels + ", k" + kernel + ", s" + stride + ", p" + padding
                + (bias == null ? ", no bias)" : ")");
    }
}
