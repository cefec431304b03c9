package io.github.cyclegan.model;

import ai.djl.pytorch.jni.JniUtils;

/**
 * {@code torch.no_grad()} for a try-with-resources block: autograd off inside, the previous mode
 * restored after. Needed for in-place updates of leaves and to keep inference from recording graphs.
 */
public final class NoGrad implements AutoCloseable {

    private final boolean previous;

    private NoGrad() {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
    }

    public static NoGrad enter() {
        return new NoGrad();
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
