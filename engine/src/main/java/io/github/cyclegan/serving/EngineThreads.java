package io.github.cyclegan.serving;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch's thread pools, which are process-wide: the intra-op pool splits one op (a convolution) across cores,
 * the inter-op pool runs independent ops. The engine picks the intra-op count at start-up (system property
 * {@code ai.djl.pytorch.num_threads} overrides it); on a 2-core machine more threads than cores only adds contention.
 */
public final class EngineThreads {

    private static final String ENGINE = "PyTorch";

    private EngineThreads() {}

    public static int intraOp() {
        Engine.getEngine(ENGINE);
        return JniUtils.getNumThreads();
    }

    public static int interOp() {
        Engine.getEngine(ENGINE);
        return JniUtils.getNumInteropThreads();
    }

    /** Sets the intra-op pool size for the whole process, e.g. to leave cores to other work. */
    public static void setIntraOp(int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("intra-op threads must be positive, got " + threads);
        }
        Engine.getEngine(ENGINE);
        JniUtils.setNumThreads(threads);
    }
}
