package io.github.cyclegan.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;

import io.github.cyclegan.messaging.options.InitType;

/**
 * A generator or discriminator: a DJL block whose parameters also carry the reference's state-dict names.
 * The network holds a single child under the reference's attribute name ({@code model} or {@code net}).
 */
public abstract class CycleGanNetwork extends AbstractBlock implements StateDictModule {

    private final String bodyName;
    private final Block body;
    private final InitType initType;
    private final double initGain;

    protected CycleGanNetwork(String bodyName, Block body, InitType initType, double initGain) {
        this.bodyName = bodyName;
        this.body = addChildBlock(bodyName, body);
        this.initType = initType;
        this.initGain = initGain;
    }

    /** An input shape that is valid for this network, used to allocate the parameters. */
    protected abstract Shape nominalInputShape();

    /**
     * Allocates the parameters in {@code manager} (if not done yet) and draws them with the spec's
     * initialisation from a generator seeded with {@code seed}, so equal seeds give equal weights.
     */
    public void initializeWeights(NDManager manager, long seed) {
        initializeWeights(manager, new Random(seed));
    }

    /** As {@link #initializeWeights(NDManager, long)}, drawing from {@code random}. */
    public void initializeWeights(NDManager manager, RandomGenerator random) {
        if (!isInitialized()) {
            initialize(manager, DataType.FLOAT32, nominalInputShape());
        }
        WeightInit.apply(stateDict(), initType, initGain, random);
    }

    /** The state-dict entries in the reference's order. */
    public List<StateDictEntry> stateDict() {
        List<StateDictEntry> entries = new ArrayList<>();
        collectStateDict("", entries);
        return entries;
    }

    /** Copies of all weights and buffers keyed by the reference's names, owned by {@code manager}. */
    public Map<String, NDArray> exportStateDict(NDManager manager) {
        return StateDict.export(stateDict(), manager);
    }

    /** Overwrites all weights and buffers from reference-named arrays; see {@link StateDict#load}. */
    public void loadStateDict(Map<String, NDArray> values) {
        StateDict.load(stateDict(), values);
    }

    /**
     * Blocks that compute {@link #forward} when run one after the other, each fed only by the previous one's output.
     * Inference runs them one by one so that each stage's intermediates can be freed before the next stage starts.
     */
    public List<Block> stages() {
        return body instanceof Staged staged ? staged.stages() : List.of(body);
    }

    /** What PyTorch's {@code sum(p.numel() for p in net.parameters())} reports: buffers excluded. */
    public long parameterCount() {
        return stateDict().stream().filter(e -> !e.buffer()).mapToLong(e -> e.shape().size()).sum();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return body.forward(store, inputs, training, params);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        body.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return body.getOutputShapes(inputShapes);
    }

    @Override
    public void collectStateDict(String prefix, List<StateDictEntry> out) {
        ((StateDictModule) body).collectStateDict(prefix + bodyName + ".", out);
    }
}
