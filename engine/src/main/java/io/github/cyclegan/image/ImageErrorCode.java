package io.github.cyclegan.image;

/** Stable reasons for refusing an input image; clients may rely on these names. */
public enum ImageErrorCode {
    /** No bytes at all. */
    IMAGE_EMPTY,
    /** Not an image, or a corrupt or truncated one. */
    IMAGE_UNREADABLE,
    /** More bytes or pixels than the configured limits. */
    IMAGE_TOO_LARGE,
    /** A readable image in a format this service does not accept. */
    IMAGE_UNSUPPORTED_FORMAT
}
