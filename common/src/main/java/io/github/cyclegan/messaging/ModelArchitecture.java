package io.github.cyclegan.messaging;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.messaging.options.NormType;
import io.github.cyclegan.messaging.options.OptionName;

/**
 * Enough to rebuild a generator before loading its weights: the reference's {@code netG},
 * {@code ngf}, {@code norm}, channel counts and dropout.
 */
public record ModelArchitecture(GeneratorArchitecture netG, Integer ngf, NormType norm, Integer inputNc,
        Integer outputNc, Boolean dropout) {

    private static final String NAME = "ModelVersion.architecture";

    public ModelArchitecture {
        Require.present(netG, NAME, "netG");
        ngf = ngf == null ? 64 : ngf;
        norm = norm == null ? NormType.INSTANCE : norm;
        inputNc = inputNc == null ? 3 : inputNc;
        outputNc = outputNc == null ? 3 : outputNc;
        dropout = dropout != null && dropout;
        if (ngf < 1 || inputNc < 1 || outputNc < 1) {
            throw new IllegalArgumentException(NAME + ": ngf, inputNc and outputNc must be positive");
        }
    }

    /** The architecture with {@code netG} and {@code norm} by name, as JSON and the reference's options spell them. */
    @JsonCreator
    public ModelArchitecture(@JsonProperty("netG") String netG, @JsonProperty("ngf") Integer ngf,
            @JsonProperty("norm") String norm, @JsonProperty("inputNc") Integer inputNc,
            @JsonProperty("outputNc") Integer outputNc, @JsonProperty("dropout") Boolean dropout) {
        this(named(GeneratorArchitecture.class, netG, "netG"), ngf, named(NormType.class, norm, "norm"), inputNc,
                outputNc, dropout);
    }

    /** The reference's default generator: ResNet, 9 blocks, ngf 64, instance norm, RGB, no dropout. */
    public static ModelArchitecture referenceDefault() {
        return new ModelArchitecture(GeneratorArchitecture.RESNET_9BLOCKS, 64, NormType.INSTANCE, 3, 3, false);
    }

    private static <E extends Enum<E> & OptionName> E named(Class<E> type, String name, String field) {
        try {
            return name == null ? null : OptionName.fromName(type, name);
        } catch (IllegalArgumentException e) {
            // No cause: the codec reports a root cause, which would drop the field.
            throw new IllegalArgumentException(NAME + "." + field + ": " + e.getMessage());
        }
    }
}
