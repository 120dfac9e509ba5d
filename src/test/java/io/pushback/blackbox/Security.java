package io.pushback.blackbox;

/** The {@code security} objects of design §7, as JSON text; values must need no JSON escaping. */
final class Security {
  private Security() {}

  static String basic(String username, String password) {
    return "{\"method\":\"basic\",\"username\":\""
        + username
        + "\",\"password\":\""
        + password
        + "\"}";
  }

  static String tokenSecret(String token, String secret) {
    return "{\"method\":\"token_secret\",\"token\":\""
        + token
        + "\",\"secret\":\""
        + secret
        + "\"}";
  }

  static String signature(String secret) {
    return "{\"method\":\"signature\",\"secret\":\"" + secret + "\"}";
  }

  static String signature(
      String header, String algorithm, String encoding, String prefix, String secret) {
    return "{\"method\":\"signature\",\"header\":\""
        + header
        + "\",\"algorithm\":\""
        + algorithm
        + "\",\"encoding\":\""
        + encoding
        + "\",\"prefix\":\""
        + prefix
        + "\",\"secret\":\""
        + secret
        + "\"}";
  }

  static String bearer(String token) {
    return "{\"method\":\"bearer\",\"token\":\"" + token + "\"}";
  }
}
