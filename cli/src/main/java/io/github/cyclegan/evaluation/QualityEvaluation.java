package io.github.cyclegan.evaluation;

import java.util.List;

/** The summary and the per-image results behind it (in input order), e.g. for a {@link ContactSheet}. */
public record QualityEvaluation(QualityReport report, List<ImageResult> aToB, List<ImageResult> bToA) {

    public QualityEvaluation {
        aToB = List.copyOf(aToB);
        bToA = List.copyOf(bToA);
    }
}
