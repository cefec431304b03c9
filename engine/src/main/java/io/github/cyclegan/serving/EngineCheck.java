package io.github.cyclegan.serving;

import java.io.PrintStream;
import java.util.Arrays;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Starts the PyTorch engine once, runs one tiny op on its default device and prints what it found.
 * The container images run it while they are built, so that DJL copies libtorch out of the native
 * jar into {@code DJL_CACHE_DIR} then and pods start offline without writing 400 MB first; an
 * operator runs it inside a pod to see whether the engine sees the GPU ({@code --require-gpu}
 * exits 1 when it sees none, so a misconfigured GPU node is not mistaken for a slow CPU one).
 */
public final class EngineCheck {

    private static final String ENGINE = "PyTorch";
    private static final String REQUIRE_GPU = "--require-gpu";

    private EngineCheck() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Returns the exit status: 0 when the engine ran, 1 when a GPU was required and none is seen, 2 for bad usage. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        boolean requireGpu = false;
        for (String arg : args) {
            if (!REQUIRE_GPU.equals(arg)) {
                err.println("usage: EngineCheck [" + REQUIRE_GPU + "]; unknown argument " + arg);
                return 2;
            }
            requireGpu = true;
        }
        Engine engine = Engine.getEngine(ENGINE);
        float sum;
        try (NDManager manager = engine.newBaseManager()) {
            sum = manager.ones(new Shape(2, 2)).sum().getFloat();
        }
        out.printf("engine %s %s, GPUs %d, default device %s, intra-op threads %d, 2x2 ones sum to %.0f%n",
                engine.getEngineName(), engine.getVersion(), engine.getGpuCount(), engine.defaultDevice(),
                EngineThreads.intraOp(), sum);
        if (requireGpu && engine.getGpuCount() == 0) {
            err.println("no GPU visible to " + ENGINE + " (args " + Arrays.toString(args)
                    + "): check the node's NVIDIA driver, the device plugin and the image's CUDA flavour");
            return 1;
        }
        return 0;
    }
}
