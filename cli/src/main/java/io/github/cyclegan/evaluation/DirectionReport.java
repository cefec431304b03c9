package io.github.cyclegan.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Quality of one direction ({@code "A->B"} translates A's test images with G and reconstructs them with F):
 * how many images, the mean cycle-reconstruction PSNR (dB, each image capped at {@link Psnr#CAP_DB}) and SSIM of
 * {@code x} against {@code F(G(x))}, the classifier score (absent without a classifier) and the paired scores
 * (absent when no test image of the other domain has the same name).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DirectionReport(String direction, int images, double cyclePsnr, double cycleSsim,
        ClassifierScore classifier, PairedScores paired) {

    /**
     * The share of translations whose most probable class is the target domain's class: {@code hits} of the
     * direction's images, {@code score = hits / images}.
     */
    public record ClassifierScore(int targetClass, int hits, double score) {
    }

    /** Mean PSNR (dB, capped per image) and SSIM of the translation against the same-named image, over the pairs. */
    public record PairedScores(int pairs, double psnr, double ssim) {
    }
}
