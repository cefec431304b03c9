package io.github.cyclegan.messaging;

/**
 * Why a translation failed: a stable machine-readable {@code code} (documented in docs/messages.md)
 * and a human-readable {@code message}.
 */
public record TranslationError(ErrorCode code, String message) {

    public TranslationError {
        Require.present(code, "TranslationResult.error", "code");
        Require.text(message, "TranslationResult.error", "message");
    }
}
