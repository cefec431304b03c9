package io.github.cyclegan.messaging.options;

/** Learning-rate schedules, named as the reference's {@code --lr_policy} option. */
public enum LrPolicy implements OptionName {
    /** Constant for nEpochs, then linear decay to 0 over nEpochsDecay. The reference default. */
    LINEAR("linear"),
    /** Times 0.1 every lrDecayIters epochs. */
    STEP("step"),
    /** Times 0.2 when the loss stops improving. */
    PLATEAU("plateau"),
    /** Cosine annealing to 0 over nEpochs. */
    COSINE("cosine");

    private final String optionName;

    LrPolicy(String optionName) {
        this.optionName = optionName;
    }

    @Override
    public String optionName() {
        return optionName;
    }
}
