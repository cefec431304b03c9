package io.github.cyclegan.cli.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.cyclegan.cli.CliSystem;
import io.github.cyclegan.evaluation.ContactSheet;
import io.github.cyclegan.evaluation.DirectionReport;
import io.github.cyclegan.evaluation.QualityReport;

/**
 * {@code eval} on the bundled demo data and the bundled pretrained demo model, imported as a model of
 * the shared system: the figures the README reports for that model, the files, reproducibility and
 * the error cases.
 */
class EvalCommandTest {

    private static final Path DEMO = Path.of("..", "demo");
    private static final String MODEL = "eval-pretrained";
    private static final String DATASET = "eval-demo";

    @TempDir
    Path tmp;

    @BeforeAll
    static void importThePretrainedDemoModel() {
        CliSystem system = CliSystem.get();
        CliSystem.Result upload = system.run("dataset", "upload", DATASET, DEMO.resolve("sneakers2boots").toString());
        assertThat(upload.exit()).as(upload.err()).isZero();
        for (String[] generator : new String[][] {{"AtoB", "G_A"}, {"BtoA", "G_B"}}) {
            CliSystem.Result imported = system.run("models", "import", "--model", MODEL, "--direction", generator[0],
                    "--net-g", "resnet_6blocks", "--ngf", "16", "--input-nc", "1", "--output-nc", "1",
                    DEMO.resolve("pretrained").resolve(generator[1] + ".safetensors").toString());
            assertThat(imported.exit()).as(imported.err()).isZero();
        }
    }

    @Test
    void measuresThePretrainedDemoModelAndWritesAReproducibleReport() throws Exception {
        Path first = tmp.resolve("first");
        CliSystem.Result run = eval(first);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.lines().get(0)).isEqualTo("evaluating " + MODEL + " version 2 on " + DATASET
                + ": 100 A and 100 B test images");
        assertThat(run.out()).contains("report: " + first.resolve(EvaluationOutput.REPORT));

        QualityReport report = QualityReport.fromJson(Files.readString(first.resolve(EvaluationOutput.REPORT)));
        for (DirectionReport direction : new DirectionReport[] {report.aToB(), report.bToA()}) {
            assertThat(direction.images()).isEqualTo(100);
            // The bar for the demo model: at least 80 % of translations classified as the target domain.
            assertThat(direction.classifier().score()).as(direction.direction()).isGreaterThanOrEqualTo(0.8);
            assertThat(direction.cyclePsnr()).as(direction.direction()).isBetween(12.0, 60.0);
            // Sneakers and boots never share a file name, so there is nothing to pair.
            assertThat(direction.paired()).isNull();
        }
        assertThat(report.aToB().classifier().targetClass()).isEqualTo(9);
        assertThat(report.bToA().classifier().targetClass()).isEqualTo(7);
        assertThat(run.out()).contains(report.toTable());

        BufferedImage sheet = ImageIO.read(first.resolve(EvaluationOutput.CONTACT_SHEET).toFile());
        int cell = 28 * 4;
        assertThat(sheet.getWidth()).isEqualTo(3 * cell + 4 * ContactSheet.SEPARATOR);
        assertThat(sheet.getHeight()).isEqualTo(16 * cell + 17 * ContactSheet.SEPARATOR);

        Path second = tmp.resolve("second");
        assertThat(eval(second).exit()).isZero();
        assertThat(Files.readString(second.resolve(EvaluationOutput.REPORT)))
                .isEqualTo(Files.readString(first.resolve(EvaluationOutput.REPORT)));
    }

    @Test
    void refusesAClassifierWithoutItsClassesAndAnUnknownModel() {
        CliSystem.Result noClasses = CliSystem.get().run("eval", "--model", MODEL, "--dataset", DATASET,
                "--classifier", "fashion-mnist", "--out", tmp.toString());
        assertThat(noClasses.exit()).isEqualTo(2);
        assertThat(noClasses.err()).contains("--classifier needs --class-a and --class-b");

        CliSystem.Result unknown = CliSystem.get().run("eval", "--model", "no-such-model", "--dataset", DATASET,
                "--out", tmp.toString());
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no model named no-such-model");

        CliSystem.Result noDataset = CliSystem.get().run("eval", "--model", MODEL, "--dataset", "no-such-dataset",
                "--out", tmp.toString());
        assertThat(noDataset.exit()).isEqualTo(1);
        assertThat(noDataset.err()).contains("no test images in s3://cyclegan/datasets/no-such-dataset/testA/");
    }

    private CliSystem.Result eval(Path out) {
        return CliSystem.get().run("eval", "--model", MODEL, "--dataset", DATASET, "--classifier", "fashion-mnist",
                "--class-a", "7", "--class-b", "9", "--out", out.toString());
    }
}
