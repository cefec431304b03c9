package io.github.cyclegan.storage;

import java.time.Instant;

/** What storage knows about one object. {@code contentType} is null in listings, which do not carry it. */
public record ObjectInfo(String key, long size, String etag, Instant lastModified, String contentType) {
}
