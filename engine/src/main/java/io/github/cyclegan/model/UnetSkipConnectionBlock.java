package io.github.cyclegan.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

import io.github.cyclegan.messaging.options.NormType;

/**
 * The reference's UnetSkipConnectionBlock: down-sampling, the nested block, up-sampling, and (except at the
 * outermost level) the block's input concatenated to its output on the channel axis.
 *
 * <p>The reference's down-path LeakyReLU is in place, so by the time {@code torch.cat([x, model(x)], 1)} reads
 * {@code x} it holds {@code leaky_relu(x)}; the skip connection here carries that activated tensor too.
 */
public final class UnetSkipConnectionBlock extends AbstractBlock implements StateDictModule, Staged {

    private static final float SLOPE = 0.2f;

    private final boolean outermost;
    private final int outerNc;
    private final TorchSequential model;

    private UnetSkipConnectionBlock(boolean outermost, int outerNc, TorchSequential model) {
        this.outermost = outermost;
        this.outerNc = outerNc;
        this.model = addChildBlock("model", model);
    }

    static UnetSkipConnectionBlock innermost(int outerNc, int innerNc, NormType norm) {
        boolean useBias = norm.convolutionsUseBias();
        return new UnetSkipConnectionBlock(false, outerNc, new TorchSequential()
                .add(Pointwise.leakyRelu(SLOPE))
                .add(new Conv2dLayer(outerNc, innerNc, 4, 2, 1, useBias))
                .add(Pointwise.relu())
                .add(new ConvTranspose2dLayer(innerNc, outerNc, 4, 2, 1, 0, useBias))
                .add(Layers.norm(norm, outerNc)));
    }

    static UnetSkipConnectionBlock intermediate(int outerNc, int innerNc, UnetSkipConnectionBlock submodule,
            NormType norm, boolean dropout) {
        boolean useBias = norm.convolutionsUseBias();
        TorchSequential model = new TorchSequential()
                .add(Pointwise.leakyRelu(SLOPE))
                .add(new Conv2dLayer(outerNc, innerNc, 4, 2, 1, useBias))
                .add(Layers.norm(norm, innerNc))
                .add(submodule)
                .add(Pointwise.relu())
                .add(new ConvTranspose2dLayer(innerNc * 2, outerNc, 4, 2, 1, 0, useBias))
                .add(Layers.norm(norm, outerNc));
        if (dropout) {
            model.add(Dropout.builder().optRate(0.5f).build());
        }
        return new UnetSkipConnectionBlock(false, outerNc, model);
    }

    static UnetSkipConnectionBlock outermost(int outputNc, int innerNc, int inputNc, UnetSkipConnectionBlock submodule,
            NormType norm) {
        return new UnetSkipConnectionBlock(true, outputNc, new TorchSequential()
                .add(new Conv2dLayer(inputNc, innerNc, 4, 2, 1, norm.convolutionsUseBias()))
                .add(submodule)
                .add(Pointwise.relu())
                .add(new ConvTranspose2dLayer(innerNc * 2, outputNc, 4, 2, 1, 0, true))
                .add(Pointwise.tanh()));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (outermost) {
            return model.forward(store, inputs, training, params);
        }
        NDList activated = model.layers().get(0).forward(store, inputs, training, params);
        NDArray inner = model.forwardFrom(1, store, activated, training, params).singletonOrThrow();
        return new NDList(activated.singletonOrThrow().concat(inner, 1));
    }

    /** Only the outermost block is a plain chain; the others concatenate their input to their output. */
    @Override
    public List<Block> stages() {
        return outermost ? model.layers() : List.of(this);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        model.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape inner = model.getOutputShapes(inputShapes)[0];
        if (outermost) {
            return new Shape[] {inner};
        }
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1) + outerNc, in.get(2), in.get(3))};
    }

    @Override
    public void collectStateDict(String prefix, List<StateDictEntry> out) {
        model.collectStateDict(prefix + "model.", out);
    }
}
