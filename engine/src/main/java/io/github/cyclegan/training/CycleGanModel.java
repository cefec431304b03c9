package io.github.cyclegan.training;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.cyclegan.image.ChwImage;
import io.github.cyclegan.messaging.Network;
import io.github.cyclegan.messaging.options.GanMode;
import io.github.cyclegan.model.CycleGanNetwork;
import io.github.cyclegan.model.NoGrad;
import io.github.cyclegan.model.Networks;
import io.github.cyclegan.model.StateDictEntry;

/**
 * The four networks of CycleGAN with their optimisers and image pools, and the reference's
 * {@code optimize_parameters()}: a generator step with the discriminators frozen, then a
 * discriminator step on pooled fakes. Owns every native array it creates; {@link #close()} frees them.
 *
 * <p>Naming follows the reference: G_A maps A to B and G_B maps B to A; D_A judges domain B
 * (real B against G_A's fakes) and D_B judges domain A.
 */
public final class CycleGanModel implements AutoCloseable {

    /** The seed's sub-stream of the gradient penalty's mixing weights (1-4 initialise the networks, 5-6 the pools). */
    static final long GRADIENT_PENALTY_STREAM = 7;

    private final CycleGanOptions options;
    private final NDManager manager;
    private final Map<Network, CycleGanNetwork> networks = new EnumMap<>(Network.class);
    private final Adam optimizerG;
    private final Adam optimizerD;
    private final ImagePool fakeAPool;
    private final ImagePool fakeBPool;
    /** wgangp's gradient penalty; null in the other modes. */
    private final GradientPenalty gradientPenalty;
    /** Draws the penalty's mixing weights (D_A's batch, then D_B's, each iteration); untouched outside wgangp. */
    private SplitMix64 gradientPenaltyRng;

    public CycleGanModel(CycleGanOptions options, NDManager parent) {
        this.options = options;
        this.manager = parent.newSubManager();
        long seed = options.seed();
        networks.put(Network.G_A, Networks.generator(options.generator(), manager, SplitMix64.derive(seed, 1)));
        networks.put(Network.G_B, Networks.generator(options.reverseGenerator(), manager, SplitMix64.derive(seed, 2)));
        networks.put(Network.D_A, Networks.discriminator(options.discriminatorA(), manager, SplitMix64.derive(seed, 3)));
        networks.put(Network.D_B, Networks.discriminator(options.discriminatorB(), manager, SplitMix64.derive(seed, 4)));
        this.optimizerG = new Adam(params(Network.G_A, Network.G_B), options.beta1(), CycleGanOptions.BETA2, CycleGanOptions.ADAM_EPS,
                manager);
        this.optimizerD = new Adam(params(Network.D_A, Network.D_B), options.beta1(), CycleGanOptions.BETA2, CycleGanOptions.ADAM_EPS,
                manager);
        this.fakeAPool = new ImagePool(options.poolSize(), SplitMix64.derive(seed, 5), manager);
        this.fakeBPool = new ImagePool(options.poolSize(), SplitMix64.derive(seed, 6), manager);
        this.gradientPenalty = options.ganMode() == GanMode.WGANGP ? new GradientPenalty(manager) : null;
        this.gradientPenaltyRng = new SplitMix64(SplitMix64.derive(seed, GRADIENT_PENALTY_STREAM));
    }

    public CycleGanOptions options() {
        return options;
    }

    public CycleGanNetwork network(Network network) {
        return networks.get(network);
    }

    /** Arrays the model holds (weights, optimiser state, pools); constant once the pools are full. */
    int managedArrayCount() {
        return manager.getManagedArrays().size();
    }

    Adam optimizerG() {
        return optimizerG;
    }

    Adam optimizerD() {
        return optimizerD;
    }

    /** The pool of G_B's fakes (domain A) that D_B is shown; public for benchmarks that need a full one. */
    public ImagePool fakeAPool() {
        return fakeAPool;
    }

    /** The pool of G_A's fakes (domain B) that D_A is shown. */
    public ImagePool fakeBPool() {
        return fakeBPool;
    }

    /** The position of the gradient penalty's random stream, for checkpoints. */
    long gradientPenaltyRngState() {
        return gradientPenaltyRng.state();
    }

    void restoreGradientPenaltyRng(long state) {
        gradientPenaltyRng = new SplitMix64(state);
    }

    /**
     * One training iteration on a batch of real A and real B images (N×C×H×W in [-1, 1]) at
     * learning rate {@code lr}. Intermediate arrays are freed before returning.
     */
    public LossTerms optimize(NDArray realA, NDArray realB, double lr) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray a = realA.duplicate();
            a.attach(scope);
            NDArray b = realB.duplicate();
            b.attach(scope);
            ParameterStore store = new ParameterStore(scope, false);

            setRequiresGradient(false, Network.D_A, Network.D_B);
            GeneratorStep g = generatorStep(store, a, b, lr);
            setRequiresGradient(true, Network.D_A, Network.D_B);

            NDArray pooledB = fakeBPool.query(g.fakeB);
            NDArray pooledA = fakeAPool.query(g.fakeA);
            double dA;
            double dB;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray lossDA = discriminatorLoss(store, Network.D_A, b, pooledB);
                NDArray lossDB = discriminatorLoss(store, Network.D_B, a, pooledA);
                collector.backward(lossDA.add(lossDB));
                dA = lossDA.getFloat();
                dB = lossDB.getFloat();
            }
            optimizerD.step(lr);
            return new LossTerms(dA, g.gA, g.cycleA, g.idtA, dB, g.gB, g.cycleB, g.idtB);
        }
    }

    /**
     * The reference's visuals for the first image of each batch, without recording gradients:
     * real A, fake B, reconstructed A, real B, fake A, reconstructed B.
     */
    public List<ChwImage> visuals(NDArray realA, NDArray realB) {
        try (NDManager scope = manager.newSubManager(); NoGrad ignored = NoGrad.enter()) {
            NDArray a = realA.get("0:1").duplicate();
            a.attach(scope);
            NDArray b = realB.get("0:1").duplicate();
            b.attach(scope);
            ParameterStore store = new ParameterStore(scope, false);
            NDArray fakeB = networks.get(Network.G_A).forward(store, new NDList(a), false).singletonOrThrow();
            NDArray recA = networks.get(Network.G_B).forward(store, new NDList(fakeB), false).singletonOrThrow();
            NDArray fakeA = networks.get(Network.G_B).forward(store, new NDList(b), false).singletonOrThrow();
            NDArray recB = networks.get(Network.G_A).forward(store, new NDList(fakeA), false).singletonOrThrow();
            List<ChwImage> visuals = new ArrayList<>();
            for (NDArray image : List.of(a, fakeB, recA, b, fakeA, recB)) {
                visuals.add(ChwImage.of(image));
            }
            return visuals;
        }
    }

    private record GeneratorStep(NDArray fakeA, NDArray fakeB, double gA, double gB, double cycleA, double cycleB,
            double idtA, double idtB) {
    }

    private GeneratorStep generatorStep(ParameterStore store, NDArray realA, NDArray realB, double lr) {
        GanLoss gan = GanLoss.of(options.ganMode());
        double lambdaIdt = options.lambdaIdentity();
        GeneratorStep result;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray fakeB = forward(store, Network.G_A, realA);
            NDArray recA = forward(store, Network.G_B, fakeB);
            NDArray fakeA = forward(store, Network.G_B, realB);
            NDArray recB = forward(store, Network.G_A, fakeA);

            NDArray lossGA = gan.loss(forward(store, Network.D_A, fakeB), true);
            NDArray lossGB = gan.loss(forward(store, Network.D_B, fakeA), true);
            NDArray cycleA = GraphScalars.times(l1(recA, realA), options.lambdaA());
            NDArray cycleB = GraphScalars.times(l1(recB, realB), options.lambdaB());
            NDArray total = lossGA.add(lossGB).addi(cycleA).addi(cycleB);
            double idtA = 0;
            double idtB = 0;
            if (lambdaIdt > 0) {
                NDArray lossIdtA = GraphScalars.times(l1(forward(store, Network.G_A, realB), realB), options.lambdaB() * lambdaIdt);
                NDArray lossIdtB = GraphScalars.times(l1(forward(store, Network.G_B, realA), realA), options.lambdaA() * lambdaIdt);
                total.addi(lossIdtA).addi(lossIdtB);
                idtA = lossIdtA.getFloat();
                idtB = lossIdtB.getFloat();
            }
            collector.backward(total);
            result = new GeneratorStep(fakeA, fakeB, lossGA.getFloat(), lossGB.getFloat(), cycleA.getFloat(),
                    cycleB.getFloat(), idtA, idtB);
        }
        optimizerG.step(lr);
        return result;
    }

    /**
     * The reference's {@code backward_D_basic} loss, {@code 0.5 (loss(D(real), real) + loss(D(fake), fake))}.
     * In wgangp mode the gradient penalty joins the two terms inside the halving, so that it weighs
     * lambda = 10 against the Wasserstein estimate, as in the WGAN-GP paper's critic loss.
     */
    private NDArray discriminatorLoss(ParameterStore store, Network name, NDArray real, NDArray fake) {
        GanLoss gan = GanLoss.of(options.ganMode());
        NDArray lossReal = gan.loss(forward(store, name, real), true);
        NDArray lossFake = gan.loss(forward(store, name, fake), false);
        NDArray sum = lossReal.add(lossFake);
        if (gradientPenalty != null) {
            sum = sum.add(gradientPenalty.compute(x -> forward(store, name, x), real, fake, gradientPenaltyRng));
        }
        return GraphScalars.times(sum, 0.5);
    }

    private NDArray forward(ParameterStore store, Network name, NDArray input) {
        return networks.get(name).forward(store, new NDList(input), true).singletonOrThrow();
    }

    private static NDArray l1(NDArray a, NDArray b) {
        return a.sub(b).abs().mean();
    }

    private void setRequiresGradient(boolean requires, Network... names) {
        for (Network name : names) {
            for (StateDictEntry entry : networks.get(name).stateDict()) {
                if (!entry.buffer()) {
                    entry.parameter().getArray().setRequiresGradient(requires);
                }
            }
        }
    }

    private List<Adam.Param> params(Network... names) {
        List<Adam.Param> params = new ArrayList<>();
        for (Network name : names) {
            for (StateDictEntry entry : networks.get(name).stateDict()) {
                if (!entry.buffer()) {
                    params.add(new Adam.Param(name + "." + entry.key(), entry.parameter().getArray()));
                }
            }
        }
        return params;
    }

    @Override
    public void close() {
        if (gradientPenalty != null) {
            gradientPenalty.close();
        }
        fakeAPool.close();
        fakeBPool.close();
        optimizerG.close();
        optimizerD.close();
        manager.close();
    }
}
