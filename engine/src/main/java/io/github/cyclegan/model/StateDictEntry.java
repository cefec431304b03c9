package io.github.cyclegan.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * One entry of a network's PyTorch state dict.
 *
 * @param key the reference's state-dict key, e.g. {@code model.10.conv_block.5.weight}
 * @param shape the shape PyTorch stores (ConvTranspose2d keeps its [in, out, kh, kw] layout)
 * @param parameter the DJL parameter holding the values
 * @param buffer true for BatchNorm running statistics and counters, which PyTorch does not count as parameters
 */
public record StateDictEntry(String key, Shape shape, Parameter parameter, boolean buffer) {

    /** A layer's learnable entries: {@code weight}, then {@code bias} when the layer has one. */
    static void addWeightAndBias(String prefix, Parameter weight, Parameter bias, List<StateDictEntry> out) {
        out.add(new StateDictEntry(prefix + "weight", weight.getShape(), weight, false));
        if (bias != null) {
            out.add(new StateDictEntry(prefix + "bias", bias.getShape(), bias, false));
        }
    }
}
