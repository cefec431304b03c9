package io.github.cyclegan.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Every JSON example in docs/messages.md decodes into the message it is labelled with. */
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
}
