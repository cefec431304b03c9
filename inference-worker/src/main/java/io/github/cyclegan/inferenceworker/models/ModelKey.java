package io.github.cyclegan.inferenceworker.models;

import io.github.cyclegan.messaging.Direction;

/** One generator: a model version's weights for one direction. */
public record ModelKey(String model, long version, Direction direction) {
}
