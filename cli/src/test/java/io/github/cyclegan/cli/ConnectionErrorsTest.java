package io.github.cyclegan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Commands pointed at servers that are not there fail within seconds with one line saying what to do. */
class ConnectionErrorsTest {

    @Test
    void anUnreachableBrokerFailsFastWithAClearMessage() {
        int closed = CliSystem.freePort();
        long started = System.nanoTime();

        CliSystem.Result result = CliSystem.runAlone("jobs", "--bootstrap-servers", "127.0.0.1:" + closed);

        assertThat((System.nanoTime() - started) / 1e9).isLessThan(20);
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: cannot reach Kafka at 127.0.0.1:" + closed + " within 5 s; is "
                + "./cyclegan local running? Otherwise point --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS at a broker\n");
    }

    @Test
    void anUnreachableStorageFailsFastWithAClearMessage() {
        int closed = CliSystem.freePort();

        CliSystem.Result result = CliSystem.runAlone("dataset", "list", "--s3-endpoint", "http://127.0.0.1:" + closed);

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).startsWith("error: cannot use the storage at http://127.0.0.1:" + closed
                + " (bucket cyclegan): ").contains("is ./cyclegan local running?").doesNotContain("\tat ");
    }

    @Test
    void everyCommandHasHelp() {
        CliSystem.Result top = CliSystem.runAlone("--help");
        assertThat(top.exit()).isZero();
        for (String command : new String[] {"local", "dataset", "train", "jobs", "cancel", "models", "translate",
            "bench"}) {
            assertThat(top.out()).contains("  " + command + " ");
        }
        for (String[] command : new String[][] {{"dataset", "upload"}, {"dataset", "list"}, {"train"}, {"jobs"},
            {"cancel"}, {"models"}, {"models", "import"}, {"models", "export"}, {"translate"}, {"local"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            CliSystem.Result help = CliSystem.runAlone(args);
            assertThat(help.exit()).as(String.join(" ", args)).isZero();
            assertThat(help.out()).startsWith("Usage: cyclegan " + String.join(" ", command));
        }
        assertThat(CliSystem.runAlone("train", "--help").out()).contains("--bootstrap-servers", "--s3-endpoint",
                "--n-epochs", "--follow", "--config");
    }
}
