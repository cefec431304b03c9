package io.github.cyclegan.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;

class EngineCheckTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return EngineCheck.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void startsTheEngineRunsAnOpAndReportsIt() {
        assertThat(run()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("engine PyTorch 2.7.1, GPUs ")
                .contains("2x2 ones sum to 4");
    }

    @Test
    void requiringAGpuFailsExactlyWhenTheEngineSeesNone() {
        int expected = Engine.getEngine("PyTorch").getGpuCount() == 0 ? 1 : 0;
        assertThat(run("--require-gpu")).isEqualTo(expected);
        if (expected == 1) {
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("no GPU visible to PyTorch");
        }
    }

    @Test
    void refusesUnknownArguments() {
        assertThat(run("--gpu")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown argument --gpu");
    }
}
