package io.github.cyclegan.model;

import ai.djl.nn.Block;
import io.github.cyclegan.messaging.options.NormType;

/** The reference's get_norm_layer. */
final class Layers {

    private Layers() {}

    static Block norm(NormType norm, int channels) {
        return switch (norm) {
            case INSTANCE -> new InstanceNorm2d(channels);
            case BATCH -> new BatchNorm2d(channels);
            case NONE -> Pointwise.identity();
        };
    }
}
