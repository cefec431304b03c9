package io.github.cyclegan.training;

/**
 * What one iteration did, for progress reporting.
 *
 * @param epoch               the epoch number (starting at the plan's epochCount, as in the reference)
 * @param epochIteration      iterations done in this epoch, this one included
 * @param iteration           iterations done since the run started (a resumed run continues the count)
 * @param iterationsPerEpoch  batches per epoch
 * @param totalIterations     iterations the whole run will take
 * @param learningRate        the rate used
 * @param seconds             wall time of this iteration, data loading included
 * @param batchSize           images per domain in this iteration
 */
public record IterationReport(int epoch, int epochIteration, long iteration, int iterationsPerEpoch,
        long totalIterations, LossTerms losses, double learningRate, double seconds, int batchSize) {
}
