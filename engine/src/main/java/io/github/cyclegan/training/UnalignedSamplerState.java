package io.github.cyclegan.training;

/**
 * Saved position of an {@link UnalignedSampler}; the sizes are kept to refuse resuming on a
 * dataset that has changed.
 */
public record UnalignedSamplerState(int sizeA, int sizeB, int epoch, int position, long bRngState) {
    public UnalignedSamplerState {
        if (sizeA <= 0 || sizeB <= 0 || epoch < 0 || position < 0 || position > Math.max(sizeA, sizeB)) {
            throw new IllegalArgumentException("invalid sampler state: sizes " + sizeA + "/" + sizeB
                    + ", epoch " + epoch + ", position " + position);
        }
    }
}
