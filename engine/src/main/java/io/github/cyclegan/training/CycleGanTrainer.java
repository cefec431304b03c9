package io.github.cyclegan.training;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.cyclegan.image.ChwImage;

/**
 * The reference's training loop ({@code train.py}) over two unpaired image sets: epochs from
 * {@code epochCount} to {@code nEpochs + nEpochsDecay}, one {@link CycleGanModel#optimize} per
 * batch, the learning rate stepped at the end of each epoch. Unlike the reference it checkpoints
 * everything a run depends on (optimisers, pools, schedule, data order and every RNG), so a
 * resumed run continues exactly where the checkpoint was taken.
 *
 * <p>Not thread-safe: one trainer runs on one thread (DJL allows one gradient collector at a time).
 */
public final class CycleGanTrainer implements AutoCloseable {

    private static final long PREPROCESS_STREAM = 7;

    private final TrainingPlan plan;
    private final ImageSet domainA;
    private final ImageSet domainB;
    private final NDManager manager;
    private final CycleGanModel model;
    private final Preprocess preprocess;
    private final LrSchedule schedule;
    private final UnalignedSampler sampler;
    private SplitMix64 preprocessRng;
    private int epoch;
    private int epochIteration;
    private long iteration;
    private double epochLossSum;
    /** Counts changes of the training state, so that a checkpoint can tell it is no longer current. */
    private long stateVersion;

    public CycleGanTrainer(TrainingPlan plan, ImageSet domainA, ImageSet domainB, NDManager parent) {
        this.plan = plan;
        this.domainA = domainA;
        this.domainB = domainB;
        this.manager = parent.newSubManager();
        long seed = plan.model().seed();
        this.model = new CycleGanModel(plan.model(), manager);
        this.preprocess = new Preprocess(plan.preprocess());
        this.schedule = LrSchedules.create(plan.schedule());
        this.sampler = new UnalignedSampler(domainA.size(), domainB.size(), plan.serialBatches(), seed);
        this.preprocessRng = new SplitMix64(SplitMix64.derive(seed, PREPROCESS_STREAM));
        this.epoch = plan.schedule().epochCount();
    }

    public CycleGanModel model() {
        return model;
    }

    public int iterationsPerEpoch() {
        return (sampler.length() + plan.batchSize() - 1) / plan.batchSize();
    }

    public long totalIterations() {
        return (long) iterationsPerEpoch() * (plan.lastEpoch() - plan.schedule().epochCount() + 1);
    }

    public long iteration() {
        return iteration;
    }

    public boolean isCompleted() {
        return epoch > plan.lastEpoch();
    }

    /**
     * Continues from a stored checkpoint, which must come from a run with the same plan and data sizes, reading its
     * files one at a time.
     *
     * @return where the run continues
     * @throws CorruptCheckpointException when a file is malformed or differs from the checkpoint's manifest
     * @throws IllegalArgumentException   when the checkpoint does not fit this plan
     */
    public TrainingProgress resume(CheckpointSource checkpoint) throws IOException {
        stateVersion++;
        TrainingProgress progress = TrainingCheckpoint.readProgress(checkpoint);
        ModelCheckpoint.restore(model, checkpoint);
        schedule.restore(progress.schedule());
        sampler.restore(progress.sampler());
        preprocessRng = new SplitMix64(progress.preprocessRng());
        epoch = progress.epoch();
        epochIteration = progress.epochIteration();
        iteration = progress.iteration();
        epochLossSum = progress.epochLossSum();
        return progress;
    }

    /**
     * The current state, resumable with {@link #resume} once written: a view of this trainer that can be written
     * until the trainer moves on (the next iteration, a resume, {@link #close}).
     */
    public TrainingCheckpoint checkpoint() {
        TrainingProgress progress = new TrainingProgress(TrainingProgress.FORMAT_VERSION, epoch, epochIteration, iteration,
                isCompleted(), schedule.state(), sampler.state(), preprocessRng.state(), epochLossSum);
        long version = stateVersion;
        Runnable checkCurrent = () -> {
            if (stateVersion != version) {
                throw new IllegalStateException("the checkpoint of iteration " + progress.iteration()
                        + " is no longer current: the trainer has moved on, so write a checkpoint before it does "
                        + "(in TrainingListener.onCheckpoint)");
            }
        };
        return new TrainingCheckpoint(progress, ModelCheckpoint.files(model, checkCurrent), checkCurrent);
    }

    /**
     * Trains until the last epoch is done or the listener asks to stop. Checkpoints go to the
     * listener every {@code checkpointEvery} iterations, at the end of every epoch, and on stop.
     */
    public TrainingOutcome run(TrainingListener listener) {
        while (!isCompleted()) {
            while (sampler.hasNext()) {
                if (listener.stopRequested()) {
                    listener.onCheckpoint(checkpoint());
                    return TrainingOutcome.STOPPED;
                }
                runIteration(listener);
                if (plan.checkpointEvery() > 0 && iteration % plan.checkpointEvery() == 0 && sampler.hasNext()) {
                    listener.onCheckpoint(checkpoint());
                }
            }
            endEpoch(listener);
            listener.onCheckpoint(checkpoint());
        }
        return TrainingOutcome.COMPLETED;
    }

    private void runIteration(TrainingListener listener) {
        stateVersion++;
        long started = System.nanoTime();
        try (NDManager scope = manager.newSubManager()) {
            NDArray[] batch = nextBatch(scope);
            double lr = schedule.learningRate();
            LossTerms losses = model.optimize(batch[0], batch[1], lr);
            epochIteration++;
            iteration++;
            epochLossSum += losses.generatorTotal();
            double seconds = (System.nanoTime() - started) / 1e9;
            listener.onIteration(new IterationReport(epoch, epochIteration, iteration, iterationsPerEpoch(),
                    totalIterations(), losses, lr, seconds, (int) batch[0].getShape().get(0)));
            if (plan.sampleEvery() > 0 && iteration % plan.sampleEvery() == 0) {
                listener.onSample(iteration, model.visuals(batch[0], batch[1]));
            }
        }
    }

    /**
     * Ends the epoch as the reference's {@code update_learning_rate}. For {@code plateau} the
     * metric is the epoch's mean generator loss: the reference passes a constant 0, which makes
     * the policy decay every {@code patience} epochs regardless of progress.
     */
    private void endEpoch(TrainingListener listener) {
        stateVersion++;
        double lr = schedule.learningRate();
        schedule.step(epochIteration == 0 ? 0 : epochLossSum / epochIteration);
        listener.onEpochEnd(epoch, lr);
        epoch++;
        epochIteration = 0;
        epochLossSum = 0;
        sampler.nextEpoch();
    }

    private NDArray[] nextBatch(NDManager scope) {
        NDList a = new NDList(plan.batchSize());
        NDList b = new NDList(plan.batchSize());
        while (a.size() < plan.batchSize() && sampler.hasNext()) {
            UnalignedPair pair = sampler.next();
            a.add(load(domainA, "A", pair.a()).toNDArray(scope));
            b.add(load(domainB, "B", pair.b()).toNDArray(scope));
        }
        return new NDArray[] {stack(a, "A"), stack(b, "B")};
    }

    private ChwImage load(ImageSet set, String domain, int index) {
        BufferedImage image;
        try {
            image = set.load(index);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image " + index + " of domain " + domain + ": " + e.getMessage(), e);
        }
        return preprocess.apply(image, preprocessRng);
    }

    private static NDArray stack(NDList images, String domain) {
        for (NDArray image : images) {
            if (!image.getShape().equals(images.get(0).getShape())) {
                throw new IllegalArgumentException("domain " + domain + " images differ in size after preprocessing ("
                        + images.get(0).getShape() + " vs " + image.getShape() + "); use a cropping preprocess or batchSize 1");
            }
        }
        return NDArrays.stack(images);
    }

    @Override
    public void close() {
        stateVersion++;
        model.close();
        manager.close();
    }
}
