package io.github.cyclegan.inferenceworker.pipeline;

/** Stable {@code error.code} values of ERROR results; clients match on these names (docs/inference-worker.md). */
public enum ErrorCode {
    INVALID_REQUEST,
    INVALID_INPUT_URI,
    INPUT_OUTSIDE_BUCKET,
    INPUT_NOT_FOUND,
    IMAGE_EMPTY,
    IMAGE_UNREADABLE,
    IMAGE_TOO_LARGE,
    IMAGE_UNSUPPORTED_FORMAT,
    MODEL_NOT_FOUND,
    MODEL_VERSION_NOT_FOUND,
    DIRECTION_NOT_AVAILABLE,
    STORAGE_UNAVAILABLE,
    INTERNAL
}
