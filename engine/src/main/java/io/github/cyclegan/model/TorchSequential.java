package io.github.cyclegan.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * nn.Sequential: layers run in order and are named by their index, parameterless ones included, so that
 * state-dict keys carry the reference's numbers (e.g. {@code 26.weight} after 25 other layers).
 */
public final class TorchSequential extends AbstractBlock implements StateDictModule, Staged {

    private final List<Block> layers = new ArrayList<>();

    public TorchSequential add(Block layer) {
        layers.add(addChildBlock(Integer.toString(layers.size()), layer));
        return this;
    }

    public List<Block> layers() {
        return Collections.unmodifiableList(layers);
    }

    @Override
    public List<Block> stages() {
        return layers();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return forwardFrom(0, store, inputs, training, params);
    }

    /** Runs the layers from {@code first} on; the U-Net block needs the output of its first layer separately. */
    NDList forwardFrom(int first, ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDList current = inputs;
        for (int i = first; i < layers.size(); i++) {
            current = layers.get(i).forward(store, current, training, params);
        }
        return current;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block layer : layers) {
            layer.initialize(manager, dataType, shapes);
            shapes = layer.getOutputShapes(shapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block layer : layers) {
            shapes = layer.getOutputShapes(shapes);
        }
        return shapes;
    }

    @Override
    public void collectStateDict(String prefix, List<StateDictEntry> out) {
        for (int i = 0; i < layers.size(); i++) {
            Block layer = layers.get(i);
            if (layer instanceof StateDictModule module) {
                module.collectStateDict(prefix + i + ".", out);
            } else if (!layer.getParameters().isEmpty()) {
                throw new IllegalStateException("Layer " + i + " (" + layer + ") has parameters but no state-dict names");
            }
        }
    }
}
