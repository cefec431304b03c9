package io.github.cyclegan.model;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;

/** Builds parameters whose shape is fixed at construction, as PyTorch modules know theirs. */
final class Params {

    /** PyTorch keeps num_batches_tracked as an int64 scalar whatever the model's float type. */
    private static final Initializer LONG_ZERO = (manager, shape, dataType) -> manager.zeros(shape, DataType.INT64);

    private Params() {}

    static Parameter trainable(String name, Parameter.Type type, Shape shape, Initializer initializer) {
        return Parameter.builder().setName(name).setType(type).optShape(shape).optInitializer(initializer).build();
    }

    static Parameter buffer(String name, Parameter.Type type, Shape shape, Initializer initializer) {
        return Parameter.builder()
                .setName(name)
                .setType(type)
                .optShape(shape)
                .optInitializer(initializer)
                .optRequiresGrad(false)
                .build();
    }

    static Parameter counter(String name) {
        return buffer(name, Parameter.Type.OTHER, new Shape(), LONG_ZERO);
    }
}
