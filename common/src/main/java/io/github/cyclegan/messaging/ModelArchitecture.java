package io.github.cyclegan.messaging;

/**
 * Enough to rebuild a generator before loading its weights: the reference's {@code netG},
 * {@code ngf}, {@code norm}, channel counts and dropout.
 */
public record ModelArchitecture(String netG, Integer ngf, String norm, Integer inputNc, Integer outputNc,
        Boolean dropout) {

    private static final String NAME = "ModelVersion.architecture";

    public ModelArchitecture {
        Require.text(netG, NAME, "netG");
        ngf = ngf == null ? 64 : ngf;
        norm = norm == null ? "instance" : norm;
        inputNc = inputNc == null ? 3 : inputNc;
        outputNc = outputNc == null ? 3 : outputNc;
        dropout = dropout != null && dropout;
        if (ngf < 1 || inputNc < 1 || outputNc < 1) {
            throw new IllegalArgumentException(NAME + ": ngf, inputNc and outputNc must be positive");
        }
    }

    /** The reference's default generator: ResNet, 9 blocks, ngf 64, instance norm, RGB, no dropout. */
    public static ModelArchitecture referenceDefault() {
        return new ModelArchitecture("resnet_9blocks", 64, "instance", 3, 3, false);
    }
}
