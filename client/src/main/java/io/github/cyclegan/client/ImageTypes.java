package io.github.cyclegan.client;

/**
 * Content type of an uploaded input from its leading bytes, so objects in the bucket are labelled
 * correctly for anyone browsing or serving them; the worker itself decodes by content, not by label.
 */
final class ImageTypes {

    static final String OCTET_STREAM = "application/octet-stream";

    private ImageTypes() {
    }

    static String contentType(byte[] bytes) {
        if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(bytes, 0, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (startsWith(bytes, 0, 'B', 'M')) {
            return "image/bmp";
        }
        if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
            return "image/webp";
        }
        return OCTET_STREAM;
    }

    private static boolean startsWith(byte[] bytes, int offset, int... prefix) {
        if (bytes.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[offset + i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
