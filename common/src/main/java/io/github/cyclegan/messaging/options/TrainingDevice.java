package io.github.cyclegan.messaging.options;

/** Where a training job runs: the engine's default device, the CPU, or a GPU (the job fails without one). */
public enum TrainingDevice implements OptionName {
    AUTO("auto"),
    CPU("cpu"),
    GPU("gpu");

    private final String optionName;

    TrainingDevice(String optionName) {
        this.optionName = optionName;
    }

    @Override
    public String optionName() {
        return optionName;
    }
}
