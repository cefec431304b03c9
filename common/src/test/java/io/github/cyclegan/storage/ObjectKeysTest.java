package io.github.cyclegan.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"a.png", "models/m/latest.json", "datasets/h2z/trainA/img 1.jpg", "ünïcode/ключ.png"})
    void acceptsOrdinaryKeys(String key) {
        assertThat(ObjectKeys.requireKey(key)).isEqualTo(key);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "../etc/passwd|must not contain '..' segments",
        "a/../../b|must not contain '..' segments",
        "a/./b|must not contain '.' segments",
        "/abs/key|must be relative",
        "a//b|empty path segment",
        "dir/|must not end with '/'",
        "a\\b|must use '/'",
    })
    void rejectsKeysThatEscapeOrConfuse(String key, String reason) {
        assertThatThrownBy(() -> ObjectKeys.requireKey(key))
                .isInstanceOf(InvalidObjectKeyException.class).hasMessageContaining(reason);
    }

    @Test
    void rejectsEmptyNullOverlongAndControlCharacters() {
        assertThatThrownBy(() -> ObjectKeys.requireKey("")).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> ObjectKeys.requireKey(null)).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> ObjectKeys.requireKey("x".repeat(1025))).hasMessageContaining("longer than 1024 bytes");
        assertThatThrownBy(() -> ObjectKeys.requireKey("a\nforged log line"))
                .hasMessageContaining("control character U+000A")
                .hasMessageContaining("a\\u000aforged");
        assertThatThrownBy(() -> ObjectKeys.requireKey("nul\u0000byte")).hasMessageContaining("U+0000");
    }

    @Test
    void acceptsPrefixesWithATrailingSlashAndTheEmptyPrefix() {
        assertThat(ObjectKeys.requirePrefix("")).isEmpty();
        assertThat(ObjectKeys.requirePrefix("datasets/h2z/trainA/")).isEqualTo("datasets/h2z/trainA/");
        assertThatThrownBy(() -> ObjectKeys.requirePrefix("../")).isInstanceOf(InvalidObjectKeyException.class);
    }

    @Test
    void joinsPartsIntoAValidKey() {
        assertThat(ObjectKeys.join("models", "m", "latest.json")).isEqualTo("models/m/latest.json");
        assertThat(ObjectKeys.join("models/", "m")).isEqualTo("models/m");
        assertThatThrownBy(() -> ObjectKeys.join("models", "..", "x")).isInstanceOf(InvalidObjectKeyException.class);
        assertThatThrownBy(() -> ObjectKeys.join("models", "")).hasMessageContaining("key part must not be empty");
    }
}
