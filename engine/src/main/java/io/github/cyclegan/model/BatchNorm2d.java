package io.github.cyclegan.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.List;

/**
 * PyTorch's BatchNorm2d(affine, track_running_stats, momentum 0.1, eps 1e-5) with PyTorch's parameter and
 * buffer names, including the num_batches_tracked counter that DJL's BatchNorm lacks.
 */
public final class BatchNorm2d extends AbstractBlock implements StateDictModule {

    /** DJL hands {@code 1 - momentum} to libtorch, so 0.9 here is PyTorch's momentum 0.1. */
    private static final float DJL_MOMENTUM = 0.9f;

    private final int channels;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter runningMean;
    private final Parameter runningVar;
    private final Parameter numBatchesTracked;

    public BatchNorm2d(int channels) {
        this.channels = channels;
        Shape shape = new Shape(channels);
        weight = addParameter(Params.trainable("weight", Parameter.Type.GAMMA, shape, Initializer.ONES));
        bias = addParameter(Params.trainable("bias", Parameter.Type.BETA, shape, Initializer.ZEROS));
        runningMean = addParameter(Params.buffer("running_mean", Parameter.Type.RUNNING_MEAN, shape, Initializer.ZEROS));
        runningVar = addParameter(Params.buffer("running_var", Parameter.Type.RUNNING_VAR, shape, Initializer.ONES));
        numBatchesTracked = addParameter(Params.counter("num_batches_tracked"));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray out = BatchNorm.batchNorm(
                        x,
                        store.getValue(runningMean, x.getDevice(), training),
                        store.getValue(runningVar, x.getDevice(), training),
                        store.getValue(weight, x.getDevice(), training),
                        store.getValue(bias, x.getDevice(), training),
                        1,
                        DJL_MOMENTUM,
                        InstanceNorm2d.EPSILON,
                        training)
                .singletonOrThrow();
        if (training) {
            // libtorch updated the running statistics in place; PyTorch's module also counts the batch.
            numBatchesTracked.getArray().addi(1);
        }
        return new NDList(out);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public void collectStateDict(String prefix, List<StateDictEntry> out) {
        StateDictEntry.addWeightAndBias(prefix, weight, bias, out);
        out.add(new StateDictEntry(prefix + "running_mean", runningMean.getShape(), runningMean, true));
        out.add(new StateDictEntry(prefix + "running_var", runningVar.getShape(), runningVar, true));
        out.add(new StateDictEntry(prefix + "num_batches_tracked", numBatchesTracked.getShape(), numBatchesTracked,
                true));
    }

    @Override
    public String toString() {
        return "BatchNorm2d(" + channels + ")";
    }
}
