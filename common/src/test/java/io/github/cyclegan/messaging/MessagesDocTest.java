package io.github.cyclegan.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Every JSON example in docs/messages.md decodes into the message it is labelled with; every error code is documented. */
class MessagesDocTest {

    private static final Pattern EXAMPLE = Pattern.compile("```json (\\w+)\\n(.*?)```", Pattern.DOTALL);
    private static final Map<String, Class<? extends Message>> TYPES = Map.of(
            "TrainingJob", TrainingJob.class,
            "TrainingEvent", TrainingEvent.class,
            "TrainingControl", TrainingControl.class,
            "ModelVersion", ModelVersion.class,
            "TranslationRequest", TranslationRequest.class,
            "TranslationResult", TranslationResult.class);

    @Test
    void everyDocumentedExampleDecodes() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "messages.md"));
        Matcher m = EXAMPLE.matcher(doc);
        List<String> decoded = new ArrayList<>();
        while (m.find()) {
            Class<? extends Message> type = TYPES.get(m.group(1));
            assertThat(type).as("example labelled %s", m.group(1)).isNotNull();
            Message message = MessageCodec.fromJson(m.group(2), type);
            assertThat(MessageCodec.fromJson(MessageCodec.toJson(message), type)).isEqualTo(message);
            decoded.add(m.group(1));
        }
        assertThat(decoded).containsAll(TYPES.keySet());
    }

    /** Clients match on the codes, so the table they read must name each one a worker can send. */
    @Test
    void everyErrorCodeIsInTheTable() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "inference-worker.md"));
        String section = doc.substring(doc.indexOf("## Error codes"));
        section = section.substring(0, section.indexOf("\n## "));
        List<String> documented = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\|").matcher(section);
        while (row.find()) {
            documented.add(row.group(1));
        }
        List<String> sent = Arrays.stream(ErrorCode.values()).filter(code -> code != ErrorCode.UNKNOWN)
                .map(ErrorCode::name).toList();
        assertThat(documented).containsAll(sent);
        assertThat(sent).containsAll(documented);
    }
}
