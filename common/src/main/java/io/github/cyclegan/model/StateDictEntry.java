package io.github.cyclegan.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * One entry of a network's PyTorch state dict.
 *
 * @param key the reference's state-dict key, e.g. {@code model.10.conv_block.5.weight}
 * @param shape the shape PyTorch stores (ConvTranspose2d keeps its [in, out, kh, kw] layout)
 * @param parameter the DJL parameter holding the values
 * @param buffer true for BatchNorm running statistics and counters, which PyTorch does not count as parameters
 */
public record StateDictEntry(String key, Shape shape, Parameter parameter, boolean buffer) {}
