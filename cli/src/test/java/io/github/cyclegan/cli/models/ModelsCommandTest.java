package io.github.cyclegan.cli.models;

import io.github.cyclegan.pth.StateDictFiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cyclegan.cli.CliSystem;
import io.github.cyclegan.weights.NamedTensor;
import io.github.cyclegan.model.WeightFiles;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code models}, {@code models import} and {@code models export} with a generator that PyTorch made (the parity
 * fixtures of {@code common}: a ResNet-6 with ngf 4), against the shared system.
 */
class ModelsCommandTest {

    private static final Path PTH = CliSystem.REFERENCE_GENERATOR;

    @TempDir
    Path tmp;

    /** Imports {@link #PTH} as {@code model}'s next version in {@code direction}. */
    static CliSystem.Result importFixture(String model, String direction) {
        return CliSystem.get().run("models", "import", "--model", model, "--direction", direction,
                "--net-g", "resnet_6blocks", "--ngf", "4", PTH.toString());
    }

    @Test
    void importsAReferenceGeneratorAsNewVersionsAndExportsItForPyTorch() throws Exception {
        CliSystem.Result first = importFixture("imported", "AtoB");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("imported " + PTH + " as model imported version 1 (AtoB, resnet_6blocks "
                + "(ngf 4, norm instance, 3->3 channels))\n");

        CliSystem.Result second = importFixture("imported", "BtoA");
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.lines()).containsExactly("imported " + PTH + " as model imported version 2 (BtoA, "
                + "resnet_6blocks (ngf 4, norm instance, 3->3 channels))",
                "kept the AtoB generator of version 1: s3://cyclegan/models/imported/versions/1/G_A.safetensors");

        CliSystem.Result list = CliSystem.get().run("models", "imported");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.lines()).hasSize(3);
        assertThat(list.lines().get(1)).matches("imported +1 +\\S+ \\S+ +resnet_6blocks \\(ngf 4, norm instance, "
                + "3->3 channels\\) +AtoB +\\(imported\\)");
        assertThat(list.lines().get(2)).matches("imported +2 .* +AtoB,BtoA +\\(imported\\)");

        Path exported = tmp.resolve("G_B.safetensors");
        CliSystem.Result export = CliSystem.get().run("models", "export", "--model", "imported", "--direction", "BtoA",
                exported.toString());
        Map<String, NamedTensor> original = StateDictFiles.read(PTH);
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).startsWith("wrote " + exported + ": model imported version 2, BtoA (resnet_6blocks "
                + "(ngf 4, norm instance, 3->3 channels), " + original.size() + " tensors, ");
        assertThat(StateDictFiles.detect(exported)).isEqualTo(StateDictFiles.Format.SAFETENSORS);
        Map<String, NamedTensor> roundTrip = WeightFiles.read(exported);
        assertThat(roundTrip.keySet()).isEqualTo(original.keySet());
        original.forEach((key, tensor) -> assertThat(roundTrip.get(key).data()).as(key).containsExactly(tensor.data()));

        CliSystem.Result noSuchDirection = CliSystem.get().run("models", "export", "--model", "imported", "--version",
                "1", "--direction", "BtoA", tmp.resolve("x.safetensors").toString());
        assertThat(noSuchDirection.exit()).isEqualTo(1);
        assertThat(noSuchDirection.err()).contains("error: model imported version 1 has no BtoA generator");
    }

    @Test
    void refusesWeightsThatDoNotFitTheArchitectureBeforeStoringAnything() {
        CliSystem.Result result = CliSystem.get().run("models", "import", "--model", "misfit", "--direction", "AtoB",
                "--net-g", "resnet_9blocks", "--ngf", "4", PTH.toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).startsWith("error: " + PTH + " does not load into resnet_9blocks (ngf 4, norm instance, "
                + "3->3 channels): Cannot load state dict: ").contains("missing keys [model.16.conv_block.1.weight")
                .contains("(describe the generator with --net-g, --ngf, --norm, --input-nc, --output-nc, --dropout)")
                .doesNotContain("\tat ");
        assertThat(CliSystem.get().run("models", "misfit").err()).contains("error: no model named misfit");
    }
}
