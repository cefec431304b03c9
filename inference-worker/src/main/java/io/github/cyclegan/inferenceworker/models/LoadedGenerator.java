package io.github.cyclegan.inferenceworker.models;

import io.github.cyclegan.serving.GeneratorModel;

/** A generator in memory with the bytes it is estimated to take (parameters × 4). */
public record LoadedGenerator(GeneratorModel model, long bytes) {
}
