package io.github.cyclegan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void rewritesOneLineOnATerminalAndKeepsEveryLineElsewhere() {
        StringWriter terminal = new StringWriter();
        ProgressLine onTerminal = new ProgressLine(new PrintWriter(terminal), true);
        onTerminal.update("iteration 10/20");
        onTerminal.update("iteration 11/20 ...");
        onTerminal.status("short");
        onTerminal.println("done");
        assertThat(terminal.toString()).isEqualTo("\riteration 10/20\riteration 11/20 ...\rshort"
                + " ".repeat(14) + "\r     \rdone\n");

        StringWriter log = new StringWriter();
        ProgressLine inLog = new ProgressLine(new PrintWriter(log), false);
        inLog.update("iteration 10/20");
        inLog.status("only on a terminal");
        inLog.println("done");
        assertThat(log.toString()).isEqualTo("iteration 10/20\ndone\n");
    }

    @Test
    void drawsBarsAndDurations() {
        assertThat(ProgressLine.bar(1, 4)).isEqualTo("[#####---------------]  25%");
        assertThat(ProgressLine.bar(9, 0)).isEqualTo("[--------------------]   0%");
        assertThat(ProgressLine.duration(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(ProgressLine.duration(Duration.ofSeconds(185))).isEqualTo("3m 05s");
        assertThat(ProgressLine.duration(Duration.ofSeconds(3720))).isEqualTo("1h 02m");
    }
}
