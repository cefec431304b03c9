package io.github.cyclegan.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageTypesTest {

    @Test
    void recognisesImagesByTheirLeadingBytes() {
        assertThat(ImageTypes.contentType(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0))).isEqualTo("image/png");
        assertThat(ImageTypes.contentType(bytes(0xFF, 0xD8, 0xFF, 0xE0))).isEqualTo("image/jpeg");
        assertThat(ImageTypes.contentType(bytes('G', 'I', 'F', '8', '9', 'a'))).isEqualTo("image/gif");
        assertThat(ImageTypes.contentType(bytes('B', 'M', 0, 0))).isEqualTo("image/bmp");
        assertThat(ImageTypes.contentType(bytes('R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P'))).isEqualTo("image/webp");
    }

    @Test
    void labelsEverythingElseAsOctetStream() {
        assertThat(ImageTypes.contentType(new byte[0])).isEqualTo(ImageTypes.OCTET_STREAM);
        assertThat(ImageTypes.contentType(bytes(0x89, 'P'))).isEqualTo(ImageTypes.OCTET_STREAM);
        assertThat(ImageTypes.contentType("hello".getBytes())).isEqualTo(ImageTypes.OCTET_STREAM);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
