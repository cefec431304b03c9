package io.github.cyclegan.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cyclegan.image.ChwImage;
import io.github.cyclegan.serving.GeneratorModel;
import io.github.cyclegan.image.ImageTensors;
import io.github.cyclegan.model.GeneratorSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QualityEvaluatorTest {

    private static final double OFFSET_PSNR = 20 * Math.log10(25.5);

    private static FashionMnistClassifier classifier;
    private static List<NamedImage> testA;
    private static List<NamedImage> testB;

    @BeforeAll
    static void load() {
        classifier = FashionMnistClassifier.bundled();
        testA = TestImages.demo("testA");
        testB = TestImages.demo("testB");
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    private static DomainClasses sneakersAndBoots() {
        return new DomainClasses(classifier, FashionMnistClassifier.SNEAKER, FashionMnistClassifier.ANKLE_BOOT);
    }

    @Test
    void identityReconstructsExactlyAndScoresHowOftenTheSourceIsTakenForTheTarget() {
        QualityEvaluation evaluation = new QualityEvaluator(x -> x, x -> x, sneakersAndBoots()).evaluate(testA, testB);
        DirectionReport aToB = evaluation.report().aToB();

        assertThat(aToB.images()).isEqualTo(100);
        assertThat(aToB.cyclePsnr()).as("every image capped").isEqualTo(Psnr.CAP_DB);
        assertThat(aToB.cycleSsim()).isEqualTo(1.0);
        assertThat(evaluation.aToB().get(0).cyclePsnr()).isEqualTo(Double.POSITIVE_INFINITY);
        // Untranslated sneakers count as boots exactly as often as the classifier itself calls them boots.
        assertThat(aToB.classifier().hits()).isEqualTo(count(predict(testA), FashionMnistClassifier.ANKLE_BOOT));
        assertThat(evaluation.report().bToA().classifier().hits())
                .isEqualTo(count(predict(testB), FashionMnistClassifier.SNEAKER));
        assertThat(aToB.classifier().score()).isLessThan(0.05);
        assertThat(aToB.paired()).as("sneaker and boot files have different names").isNull();
    }

    @Test
    void aPerfectTranslationScoresTheClassifiersAccuracyOnTheTargetDomain() {
        // Translation by lookup: the i-th sneaker becomes the i-th boot and back, so cycles are exact too.
        Map<ChwImage, ChwImage> swap = new IdentityHashMap<>();
        for (int i = 0; i < testA.size(); i++) {
            swap.put(testA.get(i).image(), testB.get(i).image());
            swap.put(testB.get(i).image(), testA.get(i).image());
        }
        QualityReport report = new QualityEvaluator(swap::get, swap::get, sneakersAndBoots())
                .evaluate(testA, testB).report();

        int bootsRecognised = count(predict(testB), FashionMnistClassifier.ANKLE_BOOT);
        assertThat(report.aToB().classifier())
                .isEqualTo(new DirectionReport.ClassifierScore(9, bootsRecognised, bootsRecognised / 100.0));
        assertThat(report.aToB().classifier().score()).isGreaterThanOrEqualTo(0.95);
        assertThat(report.bToA().classifier().hits()).isEqualTo(count(predict(testA), FashionMnistClassifier.SNEAKER));
        assertThat(report.bToA().cyclePsnr()).isEqualTo(Psnr.CAP_DB);
    }

    @Test
    void aKnownOffsetGivesItsPsnrForCyclesAndPairs() {
        // B is A brightened by 10 gray levels, under the same names (plus one unpaired image each).
        Random random = new Random(5);
        List<NamedImage> a = new ArrayList<>();
        List<NamedImage> b = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ChwImage image = MetricsTest.grayFromLevels(random.ints(20 * 24, 0, 200).toArray(), 20, 24);
            a.add(new NamedImage("img" + i, image));
            b.add(new NamedImage("img" + i, brighten(image, 10)));
        }
        a.add(new NamedImage("onlyA", a.get(0).image()));
        b.add(new NamedImage("onlyB", b.get(0).image()));

        QualityReport report = new QualityEvaluator(x -> brighten(x, 10), x -> x).evaluate(a, b).report();

        assertThat(report.aToB().cyclePsnr()).isCloseTo(OFFSET_PSNR, within(1e-4));
        assertThat(report.bToA().cyclePsnr()).isCloseTo(OFFSET_PSNR, within(1e-4));
        assertThat(report.aToB().paired().pairs()).isEqualTo(3);
        assertThat(report.aToB().paired().psnr()).as("G(a) is exactly its B counterpart").isEqualTo(Psnr.CAP_DB);
        assertThat(report.aToB().paired().ssim()).isCloseTo(1.0, within(1e-9));
        assertThat(report.bToA().paired().psnr()).isCloseTo(OFFSET_PSNR, within(1e-4));
        assertThat(report.aToB().classifier()).isNull();
    }

    @Test
    void generatorsGiveTheSameReportTwiceAndItSummarisesThePerImageResults() {
        GeneratorSpec spec = GeneratorSpec.defaults().withNgf(4).withChannels(1, 1);
        List<NamedImage> a = testA.subList(0, 12);
        List<NamedImage> b = testB.subList(0, 12);
        try (GeneratorModel g = GeneratorModel.randomlyInitialised(spec, 1);
                GeneratorModel f = GeneratorModel.randomlyInitialised(spec, 2)) {
            QualityEvaluator evaluator = new QualityEvaluator(g::translate, f::translate, sneakersAndBoots());
            QualityEvaluation first = evaluator.evaluate(a, b);
            QualityEvaluation second = evaluator.evaluate(a, b);

            assertThat(second.report()).isEqualTo(first.report());
            ImageResult result = first.aToB().get(3);
            ChwImage reconstruction = f.translate(g.translate(a.get(3).image()));
            assertThat(result.reconstruction().data()).containsExactly(reconstruction.data());
            assertThat(result.cyclePsnr()).isEqualTo(Psnr.of(a.get(3).image(), reconstruction));
            assertThat(result.predictedClass().getAsInt()).isEqualTo(classifier.predict(result.translation()));
            double meanSsim = first.aToB().stream().mapToDouble(ImageResult::cycleSsim).average().orElseThrow();
            assertThat(first.report().aToB().cycleSsim()).isCloseTo(meanSsim, within(1e-12));
            assertThat(first.report().aToB().cyclePsnr()).isBetween(0.0, 60.0);
        }
    }

    @Test
    void jsonHasTheDocumentedFieldsAndRoundTrips() throws Exception {
        QualityReport report = new QualityReport(Psnr.CAP_DB,
                new DirectionReport("A->B", 100, 27.125, 0.93, new DirectionReport.ClassifierScore(9, 97, 0.97),
                        new DirectionReport.PairedScores(100, 18.5, 0.61)),
                new DirectionReport("B->A", 80, 25.0, 0.9, null, null));

        String json = report.toJson();
        JsonNode tree = new ObjectMapper().readTree(json);

        assertThat(QualityReport.fromJson(json)).isEqualTo(report);
        assertThat(tree.fieldNames()).toIterable().containsExactly("psnrCapDb", "aToB", "bToA");
        assertThat(tree.get("aToB").fieldNames()).toIterable()
                .containsExactly("direction", "images", "cyclePsnr", "cycleSsim", "classifier", "paired");
        assertThat(tree.get("aToB").get("classifier").toString()).isEqualTo("{\"targetClass\":9,\"hits\":97,\"score\":0.97}");
        assertThat(tree.get("aToB").get("paired").toString()).isEqualTo("{\"pairs\":100,\"psnr\":18.5,\"ssim\":0.61}");
        assertThat(tree.get("bToA").has("classifier")).as("absent scores are left out").isFalse();
        assertThat(tree.get("bToA").has("paired")).isFalse();
    }

    @Test
    void tableHasARowPerDirection() {
        QualityReport report = new QualityEvaluator(x -> x, x -> x, sneakersAndBoots())
                .evaluate(testA.subList(0, 2), testB.subList(0, 2)).report();

        String[] lines = report.toTable().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[1]).startsWith("A->B").contains("100.00 dB", "1.0000", "class 9");
        assertThat(lines[2]).startsWith("B->A").contains("class 7").endsWith("-");
    }

    @Test
    void contactSheetShowsInputTranslationAndReconstructionEnlargedPerRow() throws Exception {
        QualityEvaluation evaluation = new QualityEvaluator(x -> brighten(x, 40), x -> x)
                .evaluate(testA.subList(0, 5), testB.subList(0, 5));
        int scale = 4;
        int cell = 28 * scale;
        int sep = ContactSheet.SEPARATOR;

        BufferedImage sheet = ImageIO.read(new ByteArrayInputStream(ContactSheet.png(evaluation, 2, scale)));

        assertThat(sheet.getWidth()).isEqualTo(3 * cell + 4 * sep);
        assertThat(sheet.getHeight()).as("2 rows per direction").isEqualTo(4 * cell + 5 * sep);
        assertThat(sheet.getRGB(0, 0) & 0xFFFFFF).isEqualTo(ContactSheet.SEPARATOR_RGB);
        // Row 2 is B->A's first image; its translation cell (column 1) holds F(b) enlarged 4x.
        BufferedImage expected = ImageTensors.toImage(evaluation.bToA().get(0).translation());
        int left = sep + (cell + sep);
        int top = sep + 2 * (cell + sep);
        for (int y = 0; y < cell; y++) {
            for (int x = 0; x < cell; x++) {
                assertThat(sheet.getRGB(left + x, top + y)).isEqualTo(expected.getRGB(x / scale, y / scale));
            }
        }
        assertThat(sheet.getRGB(left - 1, top) & 0xFFFFFF).isEqualTo(ContactSheet.SEPARATOR_RGB);
    }

    @Test
    void rejectsEmptySetsRepeatedNamesAndImagesSmallerThanTheSsimWindow() {
        QualityEvaluator evaluator = new QualityEvaluator(x -> x, x -> x);
        NamedImage tiny = new NamedImage("tiny", new ChwImage(1, 8, 8, new float[64]));

        assertThatThrownBy(() -> evaluator.evaluate(List.of(), testB)).hasMessageContaining("domain A is empty");
        assertThatThrownBy(() -> evaluator.evaluate(testA, List.of(testB.get(0), testB.get(0))))
                .hasMessageContaining("two images named " + testB.get(0).name());
        assertThatThrownBy(() -> evaluator.evaluate(List.of(tiny), testB)).hasMessageContaining("smaller than SSIM");
    }

    /** The image {@code levels} gray levels brighter, clamped to white. */
    private static ChwImage brighten(ChwImage image, int levels) {
        float[] out = image.data().clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.min(1f, out[i] + 2f * levels / 255f);
        }
        return new ChwImage(image.channels(), image.height(), image.width(), out);
    }

    private static int[] predict(List<NamedImage> images) {
        return classifier.predict(images.stream().map(NamedImage::image).toList());
    }

    private static int count(int[] values, int target) {
        int n = 0;
        for (int v : values) {
            n += v == target ? 1 : 0;
        }
        return n;
    }
}
