package io.pushback.endpoint;

import java.time.Instant;

/** A partner system, owner of sites and of partner-wide endpoints. */
public record Partner(long id, String slug, String name, Instant createdAt) {}
