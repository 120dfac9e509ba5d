package io.pushback.auth;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Settings fields by name whose secrets are already typed: {@link SecuritySettings#parse(Function,
 * Map)} takes a secret from {@link #secrets} rather than from its text, which a hashed secret no
 * longer has.
 */
record SecretFields(Function<String, String> fields, Map<String, Secret> secrets)
    implements Function<String, String> {
  SecretFields {
    Objects.requireNonNull(fields, "fields");
    secrets = Map.copyOf(secrets);
  }

  @Override
  public String apply(String name) {
    return fields.apply(name);
  }
}
