package io.github.cyclegan.inferenceworker.batching;

import io.github.cyclegan.messaging.Direction;

/** Requests that may share one forward pass: same generator (model, version, direction) and same image size. */
public record BatchKey(String model, long version, Direction direction, int height, int width) {
}
