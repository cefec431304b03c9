package io.github.cyclegan.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.github.cyclegan.model.NativeCopy;
import io.github.cyclegan.model.NoGrad;

/**
 * PyTorch's Adam (no weight decay, no amsgrad), written out so that its state, the moment
 * estimates and step counts per parameter, can be checkpointed and restored exactly; DJL's own
 * optimizer keeps that state private. Updates are in place, so networks keep their arrays.
 *
 * <p>Update, as {@code torch.optim.Adam}: {@code m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
 * w -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)}.
 */
public final class Adam implements AutoCloseable {

    /** A parameter to optimize under a stable, unique name (used as the key of its state). */
    public record Param(String name, NDArray weight) {
    }

    private final List<Param> params;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final NDManager manager;
    private final Map<String, NDArray> expAvg = new LinkedHashMap<>();
    private final Map<String, NDArray> expAvgSq = new LinkedHashMap<>();
    private long step;

    public Adam(List<Param> params, double beta1, double beta2, double eps, NDManager parent) {
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        this.params = List.copyOf(params);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.manager = parent.newSubManager();
        for (Param p : this.params) {
            if (expAvg.containsKey(p.name())) {
                throw new IllegalArgumentException("duplicate parameter name " + p.name());
            }
            expAvg.put(p.name(), manager.zeros(p.weight().getShape()));
            expAvgSq.put(p.name(), manager.zeros(p.weight().getShape()));
        }
    }

    /** Applies one update from the gradients accumulated in the parameters, then zeroes them. */
    public void step(double lr) {
        // Updating a leaf in place is only allowed with autograd off, as under torch.no_grad().
        try (NoGrad ignored = NoGrad.enter()) {
            update(lr);
        }
    }

    private void update(double lr) {
        step++;
        double bias1 = 1 - Math.pow(beta1, step);
        double bias2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        for (Param p : params) {
            NDArray weight = p.weight();
            try (NDManager scope = manager.newSubManager()) {
                NDArray grad = weight.getGradient();
                grad.attach(scope);
                NDArray m = expAvg.get(p.name());
                NDArray v = expAvgSq.get(p.name());
                m.muli((float) beta1).addi(grad.mul((float) (1 - beta1)));
                v.muli((float) beta2).addi(grad.square().muli((float) (1 - beta2)));
                // Results of m's and v's operations attach to the optimiser's manager; move them to the scope.
                NDArray denom = v.sqrt();
                denom.attach(scope);
                denom.divi((float) bias2Sqrt).addi((float) eps);
                NDArray update = m.div(denom);
                update.attach(scope);
                weight.subi(update.muli((float) (lr / bias1)));
            }
            JniUtils.zeroGrad((PtNDArray) weight);
        }
    }

    /** Discards accumulated gradients without updating, e.g. after a failed iteration. */
    public void zeroGradients() {
        for (Param p : params) {
            JniUtils.zeroGrad((PtNDArray) p.weight());
        }
    }

    /** Arrays the optimiser holds: two moment estimates per parameter, however many steps it took. */
    int managedArrayCount() {
        return manager.getManagedArrays().size();
    }

    public long stepCount() {
        return step;
    }

    /** The moment estimates as named copies ({@code NAME.exp_avg}, {@code NAME.exp_avg_sq}) owned by {@code target}. */
    public NDList exportState(NDManager target) {
        NDList out = new NDList();
        for (Param p : params) {
            out.add(named(expAvg.get(p.name()).duplicate(), p.name() + ".exp_avg", target));
            out.add(named(expAvgSq.get(p.name()).duplicate(), p.name() + ".exp_avg_sq", target));
        }
        return out;
    }

    /**
     * The moment estimates under the names {@link #exportState} gives them, as the live arrays (not copies), for
     * writing them out one at a time; nothing may change them.
     */
    Map<String, NDArray> stateArrays() {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        for (Param p : params) {
            arrays.put(p.name() + ".exp_avg", expAvg.get(p.name()));
            arrays.put(p.name() + ".exp_avg_sq", expAvgSq.get(p.name()));
        }
        return arrays;
    }

    /**
     * Overwrites one moment estimate, named as {@link #exportState} names it; {@link #restoreStepCount} completes a
     * restore that went entry by entry.
     */
    void importEntry(String name, NDArray value) {
        NDArray target = name.endsWith(".exp_avg_sq") ? expAvgSq.get(name.substring(0, name.length() - ".exp_avg_sq".length()))
                : name.endsWith(".exp_avg") ? expAvg.get(name.substring(0, name.length() - ".exp_avg".length())) : null;
        if (target == null) {
            throw new IllegalArgumentException("optimizer state has an entry " + name + " that no parameter has");
        }
        copyInto(target, value, name);
    }

    void restoreStepCount(long stepCount) {
        this.step = stepCount;
    }

    /** Restores what {@link #exportState} produced, and the step count that went with it. */
    public void importState(Map<String, NDArray> state, long stepCount) {
        for (Param p : params) {
            copyInto(expAvg.get(p.name()), state.get(p.name() + ".exp_avg"), p.name() + ".exp_avg");
            copyInto(expAvgSq.get(p.name()), state.get(p.name() + ".exp_avg_sq"), p.name() + ".exp_avg_sq");
        }
        this.step = stepCount;
    }

    private static void copyInto(NDArray target, NDArray value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("optimizer state has no entry " + name);
        }
        if (!value.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("optimizer state " + name + " has shape " + value.getShape()
                    + ", the parameter has " + target.getShape());
        }
        NativeCopy.overwrite(target, value);
    }

    private static NDArray named(NDArray array, String name, NDManager target) {
        array.attach(target);
        array.setName(name);
        return array;
    }

    @Override
    public void close() {
        manager.close();
    }
}
