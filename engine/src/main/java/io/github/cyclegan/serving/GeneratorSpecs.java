package io.github.cyclegan.serving;

import io.github.cyclegan.messaging.Direction;
import io.github.cyclegan.messaging.ModelArchitecture;
import io.github.cyclegan.messaging.options.InitType;
import io.github.cyclegan.model.GeneratorSpec;

/** The generator a {@link ModelArchitecture} describes, for one direction. */
public final class GeneratorSpecs {

    private GeneratorSpecs() {
    }

    /**
     * G_A maps inputNc to outputNc channels; G_B maps back, so its channels are swapped, as in the reference.
     * Initialisation settings are irrelevant for loaded weights and keep their defaults.
     */
    public static GeneratorSpec of(ModelArchitecture architecture, Direction direction) {
        int in = direction == Direction.A_TO_B ? architecture.inputNc() : architecture.outputNc();
        int out = direction == Direction.A_TO_B ? architecture.outputNc() : architecture.inputNc();
        return new GeneratorSpec(architecture.netG(), in, out, architecture.ngf(), architecture.norm(),
                architecture.dropout(), InitType.NORMAL, 0.02);
    }
}
