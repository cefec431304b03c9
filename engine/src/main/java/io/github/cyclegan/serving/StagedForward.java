package io.github.cyclegan.serving;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * An inference forward pass that frees memory as it goes. DJL attaches an op's result to its first operand's
 * manager, so a plain forward keeps every activation of the network alive until the caller closes the input's
 * manager (gigabytes for a ResNet-9 at 256 px). Here each stage runs in a short-lived child manager that owns the
 * stage's input and everything computed from it; only the stage's output moves on.
 */
final class StagedForward {

    private StagedForward() {}

    /**
     * Runs {@code stages} on {@code input} in inference mode and returns the result, owned by the input's manager.
     * The input is consumed: it is closed by the time this returns.
     */
    static NDArray run(List<Block> stages, ParameterStore store, NDArray input) {
        NDManager owner = input.getManager();
        NDArray current = input;
        for (Block stage : stages) {
            try (NDManager step = owner.newSubManager()) {
                current.attach(step);
                current = stage.forward(store, new NDList(current), false).singletonOrThrow();
                // A stage may return its input (an identity norm); moving it back to the owner keeps it alive too.
                current.attach(owner);
            }
        }
        return current;
    }
}
