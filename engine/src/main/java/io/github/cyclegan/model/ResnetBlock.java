package io.github.cyclegan.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

import io.github.cyclegan.messaging.options.NormType;

/** The reference's ResnetBlock with reflection padding: {@code x + conv_block(x)}, no activation after the sum. */
public final class ResnetBlock extends AbstractBlock implements StateDictModule {

    private final TorchSequential convBlock;

    public ResnetBlock(int dim, NormType norm, boolean dropout) {
        boolean useBias = norm.convolutionsUseBias();
        TorchSequential block = new TorchSequential()
                .add(new ReflectionPad2d(1))
                .add(new Conv2dLayer(dim, dim, 3, 1, 0, useBias))
                .add(Layers.norm(norm, dim))
                .add(Pointwise.relu());
        if (dropout) {
            block.add(Dropout.builder().optRate(0.5f).build());
        }
        block.add(new ReflectionPad2d(1))
                .add(new Conv2dLayer(dim, dim, 3, 1, 0, useBias))
                .add(Layers.norm(norm, dim));
        convBlock = addChildBlock("conv_block", block);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray residual = convBlock.forward(store, inputs, training, params).singletonOrThrow();
        return new NDList(x.add(residual));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        convBlock.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public void collectStateDict(String prefix, List<StateDictEntry> out) {
        convBlock.collectStateDict(prefix + "conv_block.", out);
    }
}
