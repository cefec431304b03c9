package io.github.cyclegan.trainingworker.job;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** The job's {@code device} option: where the engine trains. */
enum DeviceChoice {
    AUTO, CPU, GPU;

    /** The engine's device; a GPU request on a machine without one fails the job instead of silently using the CPU. */
    Device resolve() {
        Engine engine = Engine.getInstance();
        return switch (this) {
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
