package io.github.cyclegan.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** docs/training-worker.md's "Job config" table is {@link TrainingConfig#options()}, row for row. */
class JobConfigDocTest {

    private static final String HEADER = "| key | default | accepted | meaning |";

    @Test
    void theDocsTableListsEveryOptionWithItsDefaultBoundsAndMeaning() throws IOException {
        List<String> doc = Files.readAllLines(Path.of("..", "docs", "training-worker.md"));
        int header = doc.indexOf(HEADER);
        assertThat(header).as("the table under ## Job config starts with %s", HEADER)
                .isGreaterThan(doc.indexOf("## Job config"));
        List<String> rows = doc.subList(header + 2, doc.size()).stream().takeWhile(line -> line.startsWith("|")).toList();

        List<String> expected = TrainingConfig.options().stream().map(JobConfigDocTest::row).toList();

        assertThat(rows).as("the table should read:%n%s", String.join("\n", expected)).isEqualTo(expected);
    }

    private static String row(ConfigOption option) {
        String accepted = option.choices().isEmpty() ? option.accepted()
                : option.choices().stream().map(JobConfigDocTest::code).collect(Collectors.joining(", "));
        String defaultValue = option.defaultValue()
                .map(value -> value.matches("[-0-9.]+") ? value : code(value)).orElse("—");
        return "| " + code(option.key()) + " | " + defaultValue + " | " + accepted + " | " + option.description() + " |";
    }

    private static String code(String text) {
        return "`" + text + "`";
    }
}
