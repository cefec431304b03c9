package io.github.cyclegan.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.cyclegan.cli.CliSystem;
import io.github.cyclegan.cli.evaluation.EvaluationOutput;
import io.github.cyclegan.evaluation.QualityReport;

/**
 * {@code demo} as a user runs it: its own local system and workers, the real fine-tuning job, 400
 * translations through Kafka, the quality bar, the files.
 */
class DemoCommandTest {

    @TempDir
    Path out;

    @Test
    void fineTunesTheBundledModelThroughTheSystemAndReachesTheBar() throws Exception {
        CliSystem.Result demo = CliSystem.runAlone("demo", "--home", "..", "--out", out.toString());

        assertThat(demo.exit()).as(demo.out() + demo.err()).isZero();
        assertThat(demo.out())
                .contains("uploaded the pretrained demo model to s3://cyclegan/staged/sneakers2boots-pretrained/")
                .contains("fine-tuning the bundled pretrained model, 0 + 1 epochs, learning rate 0.00002, seed 1")
                .contains("model sneakers2boots version 1 is published")
                .contains("translating 100 + 100 test images through Kafka")
                .contains("both directions reach the domain-classifier bar of 80 %");
        assertThat(demo.out().lines().filter(line -> line.startsWith("  http://127.0.0.1:"))).hasSize(6);
        QualityReport report = QualityReport.fromJson(Files.readString(out.resolve(EvaluationOutput.REPORT)));
        assertThat(report.aToB().classifier().score()).isGreaterThanOrEqualTo(0.8);
        assertThat(report.bToA().classifier().score()).isGreaterThanOrEqualTo(0.8);
        assertThat(out.resolve(EvaluationOutput.CONTACT_SHEET)).isRegularFile();
        assertThat(out.resolve("local-system")).doesNotExist();
    }

    @Test
    void refusesAHomeWithoutTheDemoData() {
        CliSystem.Result demo = CliSystem.runAlone("demo", "--home", out.toString(), "--out", out.toString());

        assertThat(demo.exit()).isEqualTo(2);
        assertThat(demo.err()).contains("no demo dataset at " + out.resolve("demo/sneakers2boots"));
    }
}
