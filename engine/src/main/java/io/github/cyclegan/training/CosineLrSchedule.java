package io.github.cyclegan.training;

import io.github.cyclegan.messaging.options.LrPolicy;

/**
 * PyTorch's CosineAnnealingLR with its recursive {@code get_lr} (the form {@code step()} uses), which
 * follows the closed form {@code etaMin + (base - etaMin) * (1 + cos(pi * t / tMax)) / 2} up to
 * rounding and keeps oscillating past {@code tMax} instead of restarting.
 * {@link StrictMath} keeps the values the same on every JVM.
 */
public final class CosineLrSchedule extends AbstractLrSchedule {

    private final double baseLr;
    private final int tMax;
    private final double etaMin;

    public CosineLrSchedule(double baseLr, int tMax, double etaMin) {
        super(LrPolicy.COSINE.optionName(), baseLr);
        if (!(baseLr > 0) || tMax < 1 || !(etaMin >= 0)) {
            throw new IllegalArgumentException(
                    "invalid cosine schedule: lr " + baseLr + ", T_max " + tMax + " (n_epochs), eta_min " + etaMin);
        }
        this.baseLr = baseLr;
        this.tMax = tMax;
        this.etaMin = etaMin;
    }

    @Override
    public void step() {
        steps++;
        if ((steps - 1 - tMax) % (2 * tMax) == 0) {
            // The recursive ratio below would divide by zero here (cos(pi) = -1): PyTorch's restart branch.
            lr = lr + (baseLr - etaMin) * (1 - StrictMath.cos(Math.PI / tMax)) / 2;
        } else {
            lr = (1 + StrictMath.cos(Math.PI * steps / tMax))
                    / (1 + StrictMath.cos(Math.PI * (steps - 1) / tMax))
                    * (lr - etaMin) + etaMin;
        }
    }
}
