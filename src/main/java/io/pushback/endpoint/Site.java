package io.pushback.endpoint;

import java.time.Instant;

/** A site of a partner; its slug is unique within the partner. */
public record Site(long id, long partnerId, String slug, String name, Instant createdAt) {}
