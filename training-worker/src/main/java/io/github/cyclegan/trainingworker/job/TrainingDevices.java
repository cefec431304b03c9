package io.github.cyclegan.trainingworker.job;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.github.cyclegan.messaging.options.TrainingDevice;

/** Where the engine trains for a job's {@code device} option. */
final class TrainingDevices {

    private TrainingDevices() {
    }

    /** The engine's device; a GPU request on a machine without one fails the job instead of silently using the CPU. */
    static Device resolve(TrainingDevice device) {
        Engine engine = Engine.getInstance();
        return switch (device) {
            case AUTO -> engine.defaultDevice();
            case CPU -> Device.cpu();
            case GPU -> {
                if (engine.getGpuCount() == 0) {
                    throw new JobConfigException("config.device: gpu requested but this worker's engine sees no GPU");
                }
                yield Device.gpu();
            }
        };
    }
}
