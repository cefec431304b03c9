package io.github.cyclegan.evaluation;

import io.github.cyclegan.image.ChwImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Measures a CycleGAN's two translations on test images of both domains (see {@link DirectionReport} for what is
 * measured). The translations are called once per image in input order, A's images first, and the classifier sees
 * the translations in the same order, so equal inputs and deterministic translations give equal reports.
 */
public final class QualityEvaluator {

    private final ImageTranslation aToB;
    private final ImageTranslation bToA;
    private final DomainClasses domains;

    /** Without a classifier: the reports have no classifier score. */
    public QualityEvaluator(ImageTranslation aToB, ImageTranslation bToA) {
        this(aToB, bToA, null);
    }

    /** {@code domains} may be null for no classifier score. */
    public QualityEvaluator(ImageTranslation aToB, ImageTranslation bToA, DomainClasses domains) {
        this.aToB = Objects.requireNonNull(aToB, "aToB");
        this.bToA = Objects.requireNonNull(bToA, "bToA");
        this.domains = domains;
    }

    /**
     * Translates and reconstructs every test image and summarises both directions.
     *
     * @throws IllegalArgumentException if a set is empty, names repeat within a set, an image is smaller than
     *         SSIM's 11×11 window, or a translation or its same-named counterpart has another shape
     */
    public QualityEvaluation evaluate(List<NamedImage> testA, List<NamedImage> testB) {
        Map<String, ChwImage> byNameA = byName(testA, "A");
        Map<String, ChwImage> byNameB = byName(testB, "B");
        Direction forward = direction(testA, aToB, bToA, byNameB, domains == null ? -1 : domains.classB());
        Direction backward = direction(testB, bToA, aToB, byNameA, domains == null ? -1 : domains.classA());
        QualityReport report = new QualityReport(Psnr.CAP_DB, forward.report("A->B"), backward.report("B->A"));
        return new QualityEvaluation(report, forward.results, backward.results);
    }

    private Direction direction(List<NamedImage> images, ImageTranslation translate, ImageTranslation back,
            Map<String, ChwImage> counterparts, int targetClass) {
        List<ChwImage> translations = new ArrayList<>(images.size());
        List<ChwImage> reconstructions = new ArrayList<>(images.size());
        for (NamedImage image : images) {
            ChwImage translation = translate.apply(image.image());
            translations.add(translation);
            reconstructions.add(back.apply(translation));
        }
        int[] predicted = domains == null ? null : domains.classifier().predict(translations);
        List<ImageResult> results = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            NamedImage input = images.get(i);
            ChwImage translation = translations.get(i);
            ChwImage reconstruction = reconstructions.get(i);
            ChwImage counterpart = counterparts.get(input.name());
            results.add(new ImageResult(input.name(), input.image(), translation, reconstruction,
                    Psnr.of(input.image(), reconstruction), Ssim.of(input.image(), reconstruction),
                    predicted == null ? OptionalInt.empty() : OptionalInt.of(predicted[i]),
                    counterpart == null ? OptionalDouble.empty() : OptionalDouble.of(Psnr.of(translation, counterpart)),
                    counterpart == null ? OptionalDouble.empty() : OptionalDouble.of(Ssim.of(translation, counterpart))));
        }
        return new Direction(results, targetClass);
    }

    private static Map<String, ChwImage> byName(List<NamedImage> images, String domain) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("the test set of domain " + domain + " is empty");
        }
        Map<String, ChwImage> byName = new HashMap<>();
        for (NamedImage image : images) {
            if (image.image().height() < Ssim.WINDOW || image.image().width() < Ssim.WINDOW) {
                throw new IllegalArgumentException(domain + "/" + image.name() + " is " + image.image().width() + "x"
                        + image.image().height() + ", smaller than SSIM's " + Ssim.WINDOW + "x" + Ssim.WINDOW
                        + " window");
            }
            if (byName.put(image.name(), image.image()) != null) {
                throw new IllegalArgumentException("the test set of domain " + domain + " has two images named "
                        + image.name());
            }
        }
        return byName;
    }

    /** One direction's per-image results and the class its translations should be given. */
    private record Direction(List<ImageResult> results, int targetClass) {

        DirectionReport report(String name) {
            List<Double> cyclePsnr = new ArrayList<>();
            double cycleSsim = 0;
            int hits = 0;
            List<Double> pairedPsnr = new ArrayList<>();
            double pairedSsim = 0;
            for (ImageResult r : results) {
                cyclePsnr.add(r.cyclePsnr());
                cycleSsim += r.cycleSsim();
                if (r.predictedClass().isPresent() && r.predictedClass().getAsInt() == targetClass) {
                    hits++;
                }
                if (r.pairedPsnr().isPresent()) {
                    pairedPsnr.add(r.pairedPsnr().getAsDouble());
                    pairedSsim += r.pairedSsim().getAsDouble();
                }
            }
            int n = results.size();
            DirectionReport.ClassifierScore classifier = targetClass < 0 ? null
                    : new DirectionReport.ClassifierScore(targetClass, hits, (double) hits / n);
            DirectionReport.PairedScores paired = pairedPsnr.isEmpty() ? null
                    : new DirectionReport.PairedScores(pairedPsnr.size(), Psnr.cappedMean(pairedPsnr),
                            pairedSsim / pairedPsnr.size());
            return new DirectionReport(name, n, Psnr.cappedMean(cyclePsnr), cycleSsim / n, classifier, paired);
        }
    }
}
