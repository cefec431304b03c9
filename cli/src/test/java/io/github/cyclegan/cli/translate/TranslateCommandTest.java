package io.github.cyclegan.cli.translate;


import static org.assertj.core.api.Assertions.assertThat;

import io.github.cyclegan.cli.CliSystem;
import io.github.cyclegan.cli.DemoImages;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code translate} through the shared system's real inference worker, with a generator PyTorch made. */
class TranslateCommandTest {

    private static final String MODEL = "translator";

    @TempDir
    Path tmp;

    @BeforeAll
    static void importModel() {
        CliSystem.Result imported = CliSystem.get().run("models", "import", "--model", MODEL, "--direction", "AtoB",
                "--net-g", "resnet_6blocks", "--ngf", "4", CliSystem.REFERENCE_GENERATOR.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
    }

    @Test
    void translatesAFolderIntoOutputsNamedAfterTheInputs() throws Exception {
        List<Path> inputs = DemoImages.copy("testA", 3, tmp.resolve("in"));
        Path out = tmp.resolve("out");

        CliSystem.Result result = CliSystem.get().run("translate", "--model", MODEL, "--out", out.toString(),
                tmp.resolve("in").toString());

        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        for (Path input : inputs) {
            String name = input.getFileName().toString();
            Path output = out.resolve(name);
            assertThat(result.lines()).contains("ok     " + input + " -> " + output + " (28x28, version 1)");
            BufferedImage image = ImageIO.read(output.toFile());
            assertThat(image.getWidth()).isEqualTo(28);
            assertThat(image.getHeight()).isEqualTo(28);
        }
        assertThat(result.lines().get(result.lines().size() - 1))
                .isEqualTo("translated 3 of 3 images into " + out + " (ok 3, failed 0)");
    }

    @Test
    void reportsEachFailureWithItsCodeAndExitsWithOne() throws Exception {
        Path good = DemoImages.copy("testB", 1, tmp).get(0);
        Path notes = Files.writeString(tmp.resolve("notes.png"), "not an image at all");
        Path out = tmp.resolve("jpegs");

        CliSystem.Result result = CliSystem.get().run("translate", "--model", MODEL, "--direction", "AtoB",
                "--format", "jpeg", "--out", out.toString(), good.toString(), notes.toString());

        assertThat(result.exit()).isEqualTo(1);
        String jpeg = good.getFileName().toString().replace(".png", ".jpg");
        assertThat(out.resolve(jpeg)).isRegularFile();
        assertThat(result.lines()).contains("translated 1 of 2 images into " + out + " (ok 1, failed 1)");
        assertThat(result.lines()).anySatisfy(l -> assertThat(l).startsWith("  failed " + notes + ": IMAGE_UNREADABLE: "));
    }

    @Test
    void refusesAnUnknownModelAndMissingInputsBeforeSendingAnything() throws Exception {
        Path image = DemoImages.copy("testA", 1, tmp).get(0);
        CliSystem.Result unknown = CliSystem.get().run("translate", "--model", "no-such-model", "--out",
                tmp.resolve("o").toString(), image.toString());
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("error: no model named no-such-model (see ./cyclegan models)");

        CliSystem.Result missing = CliSystem.runAlone("translate", "--model", MODEL, tmp.resolve("gone.png").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no file or folder " + tmp.resolve("gone.png"));
    }
}
