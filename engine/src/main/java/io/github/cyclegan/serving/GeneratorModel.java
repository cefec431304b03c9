package io.github.cyclegan.serving;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.github.cyclegan.image.ChwImage;
import io.github.cyclegan.weights.NamedTensor;
import io.github.cyclegan.model.CycleGanNetwork;
import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.model.GeneratorSpec;
import io.github.cyclegan.model.Networks;
import io.github.cyclegan.model.WeightFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A generator loaded for serving: translates batches of images of any size and returns them at their input size.
 *
 * <p>Inputs are reflection-padded up to the multiple the architecture needs ({@link
 * GeneratorArchitecture#sizeMultiple()}, at least {@link GeneratorArchitecture#minimumSize()}) and the outputs are
 * cropped back, so any size from 1x1 up works. The parameters do not require gradients, so no autograd graph is
 * recorded whatever the calling thread's grad mode is (libtorch turns it on for every thread but the one that
 * started the engine), and the forward pass frees each stage's activations as soon as the next stage has used them.
 *
 * <p>Thread safety: {@link #translate} may be called from several threads at once. Each call computes in its own
 * {@link NDManager} and {@link ParameterStore} and only reads the shared parameters, which libtorch allows. The calls
 * share libtorch's process-wide intra-op thread pool ({@link EngineThreads}), so concurrency adds no cores.
 * {@link #close} waits for running calls; later calls fail.
 */
public final class GeneratorModel implements AutoCloseable {

    private final GeneratorSpec spec;
    private final NDManager manager;
    private final CycleGanNetwork network;
    private final List<Block> stages;
    /** Read-held by translations, write-held by close, so close never frees weights that a call is reading. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private GeneratorModel(GeneratorSpec spec, NDManager manager, CycleGanNetwork network) {
        this.spec = spec;
        this.manager = manager;
        this.network = network;
        this.stages = network.stages();
    }

    /** A generator with freshly drawn weights (benchmarks, tests); equal seeds give equal weights. */
    public static GeneratorModel randomlyInitialised(GeneratorSpec spec, long seed) {
        return build(spec, seed, null);
    }

    /** A generator with the given state dict (reference key names, strict: every key present, none extra). */
    public static GeneratorModel fromStateDict(GeneratorSpec spec, Map<String, NamedTensor> weights) {
        return build(spec, 0, Objects.requireNonNull(weights, "weights"));
    }

    /** A generator whose weights are read from a safetensors or PyTorch .pth state dict ({@link WeightFiles}). */
    public static GeneratorModel fromFile(GeneratorSpec spec, Path file) throws IOException {
        return fromStateDict(spec, WeightFiles.read(file));
    }

    private static GeneratorModel build(GeneratorSpec spec, long seed, Map<String, NamedTensor> weights) {
        Objects.requireNonNull(spec, "spec");
        NDManager manager = NDManager.newBaseManager();
        try {
            // Initialising allocates the parameters; loaded weights then overwrite the drawn ones.
            CycleGanNetwork network = Networks.generator(spec, manager, seed);
            if (weights != null) {
                WeightFiles.load(network, weights);
            }
            network.freezeParameters(true);
            return new GeneratorModel(spec, manager, network);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public GeneratorSpec spec() {
        return spec;
    }

    /** Translates one image; the output has the input's height and width and the spec's output channels. */
    public ChwImage translate(ChwImage image) {
        return translate(List.of(image)).get(0);
    }

    /**
     * Translates a batch of equally sized images in one forward pass; outputs come in input order, each with the
     * input's height and width.
     *
     * @throws IllegalArgumentException if the batch is empty, an image has the wrong channel count, or sizes differ
     * @throws IllegalStateException if the model is closed
     */
    public List<ChwImage> translate(List<ChwImage> images) {
        GeneratorArchitecture architecture = spec.architecture();
        BatchGeometry batch = BatchGeometry.of(images, spec.inputNc(), architecture.sizeMultiple(),
                architecture.minimumSize());
        float[] input = new float[batch.inputValues()];
        for (int i = 0; i < images.size(); i++) {
            batch.padding().pad(images.get(i), input, i * batch.inputValuesPerImage());
        }
        float[] output = forward(input, batch.inputShape());
        int outputValuesPerImage = output.length / images.size();
        List<ChwImage> results = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            results.add(batch.padding().crop(output, i * outputValuesPerImage, spec.outputNc(), batch.height(),
                    batch.width()));
        }
        return results;
    }

    private float[] forward(float[] input, Shape shape) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the generator model is closed");
            }
            // A root manager per call keeps the model's manager out of per-call bookkeeping and concurrent calls apart.
            try (NDManager call = NDManager.newBaseManager()) {
                NDArray x = call.create(input, shape);
                return StagedForward.run(stages, new ParameterStore(call, false), x).toFloatArray();
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Arrays the model's own manager holds: the parameters, and nothing more after any number of calls. */
    int managedArrayCount() {
        return manager.getManagedArrays().size();
    }

    /** Whether libtorch would record an autograd graph through any parameter; never, for a servable model. */
    boolean recordsGradients() {
        return network.getParameters().values().stream()
                .anyMatch(parameter -> JniUtils.requiresGrad((PtNDArray) parameter.getArray()));
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                manager.close();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
