package io.github.cyclegan.messaging;

import java.util.Arrays;
import java.util.List;

/**
 * The four networks of a CycleGAN by the reference's names: G_A translates domain A to B and G_B translates B to
 * A; D_A judges domain B (real B against G_A's fakes) and D_B judges domain A. Checkpoint, version and staged weight
 * folders hold each one as {@link #fileName()}.
 */
public enum Network {
    G_A,
    G_B,
    D_A,
    D_B;

    /** The generators, in the order the reference lists them. */
    public static final List<Network> GENERATORS = List.of(G_A, G_B);

    /** The discriminators, in the order the reference lists them. */
    public static final List<Network> DISCRIMINATORS = List.of(D_A, D_B);

    /** The file that holds the network's weights (safetensors with the reference's state-dict names). */
    public String fileName() {
        return name() + ".safetensors";
    }

    public boolean isGenerator() {
        return this == G_A || this == G_B;
    }

    /** The generator that translates in {@code direction}: G_A for A to B, G_B for B to A. */
    public static Network generator(Direction direction) {
        return direction == Direction.A_TO_B ? G_A : G_B;
    }

    /** The direction this generator translates in. */
    public Direction direction() {
        if (!isGenerator()) {
            throw new IllegalStateException(this + " is a discriminator; it translates in no direction");
        }
        return this == G_A ? Direction.A_TO_B : Direction.B_TO_A;
    }

    /** The network a reference name (G_A, G_B, D_A, D_B) names. */
    public static Network parse(String name) {
        return Arrays.stream(values()).filter(network -> network.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no network '" + name + "'; expected one of "
                        + Arrays.toString(values())));
    }
}
