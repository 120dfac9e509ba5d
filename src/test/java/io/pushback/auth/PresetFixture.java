package io.pushback.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds preset verifiers and the requests they read, for the preset tests of this package. */
final class PresetFixture {
  private PresetFixture() {}

  /** The settings of {@code preset} with {@code secret} and any {@code overrides}. */
  static SecuritySettings.Signature settings(
      String preset, String secret, Map<String, String> overrides) {
    Map<String, String> fields = new HashMap<>(overrides);
    fields.put(SecuritySettings.METHOD, "signature");
    fields.put(SecuritySettings.PRESET, preset);
    fields.put(SecuritySettings.SECRET, secret);
    return (SecuritySettings.Signature) SecuritySettings.parse(fields::get);
  }

  static Verifier verifier(String preset, String secret, long nowEpochSeconds) {
    return VerifierFactory.create(settings(preset, secret, Map.of()), clockAt(nowEpochSeconds));
  }

  static Clock clockAt(long epochSeconds) {
    return Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
  }

  /** A POST with {@code body} and the header lines given as name, value, name, value... */
  static InboundRequest request(String body, String... nameValues) {
    return request(body.getBytes(StandardCharsets.UTF_8), nameValues);
  }

  static InboundRequest request(byte[] body, String... nameValues) {
    List<RequestHeaders.Header> headers = new ArrayList<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      headers.add(new RequestHeaders.Header(nameValues[i], nameValues[i + 1]));
    }
    return new InboundRequest(
        "POST", "/pushback/k", "", new RequestHeaders(headers), body, "127.0.0.1");
  }
}
