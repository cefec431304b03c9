package io.github.cyclegan.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3UriTest {

    @Test
    void parsesObjectsAndPrefixes() {
        S3Uri object = S3Uri.parse("s3://cyclegan/inputs/a.png");
        assertThat(object.bucket()).isEqualTo("cyclegan");
        assertThat(object.key()).isEqualTo("inputs/a.png");
        assertThat(object.isPrefix()).isFalse();
        assertThat(object).hasToString("s3://cyclegan/inputs/a.png");

        S3Uri prefix = S3Uri.parse("s3://cyclegan/datasets/h2z/trainA/");
        assertThat(prefix.isPrefix()).isTrue();
        assertThat(prefix.resolve("1.jpg")).isEqualTo(S3Uri.parse("s3://cyclegan/datasets/h2z/trainA/1.jpg"));
        assertThat(S3Uri.parse("s3://cyclegan/datasets/h2z/trainA").asPrefix()).isEqualTo(prefix);
        assertThat(S3Uri.parse("s3://cyclegan").key()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://cyclegan/a.png", "s3:/cyclegan/a", "cyclegan/a.png", "s3://UPPER/a", "s3://ab/a",
        "s3://bad_bucket/a", "s3://cyclegan/../x", "s3://cyclegan//x", "s3://cyclegan/a\u0007b", "s3:///key"})
    void rejectsInvalidUris(String uri) {
        assertThatThrownBy(() -> S3Uri.parse(uri)).isInstanceOf(InvalidObjectKeyException.class);
    }
}
