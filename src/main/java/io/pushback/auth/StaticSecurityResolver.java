package io.pushback.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Function;

/**
 * One security method for every request: the filter used alone, configured by its init parameters.
 */
final class StaticSecurityResolver implements SecurityResolver {
  private final Resolution protection;

  StaticSecurityResolver(Verifier verifier, long maxBodyBytes) {
    this.protection = Resolution.protect(verifier, maxBodyBytes);
  }

  /**
   * Reads the init parameters documented on {@link PushbackAuthFilter}; throws naming a missing or
   * bad one.
   */
  static StaticSecurityResolver fromInitParameters(Function<String, String> parameter) {
    SecuritySettings settings = SecuritySettings.parse(parameter);
    String limit = parameter.apply(PushbackAuthFilter.MAX_BODY_BYTES_PARAM);
    return new StaticSecurityResolver(
        VerifierFactory.create(settings),
        limit == null ? PushbackAuthFilter.DEFAULT_MAX_BODY_BYTES : parseLimit(limit));
  }

  private static long parseLimit(String value) {
    try {
      long limit = Long.parseLong(value.strip());
      if (limit < 0 || limit > PushbackAuthFilter.LARGEST_MAX_BODY_BYTES) {
        throw new NumberFormatException();
      }
      return limit;
    } catch (NumberFormatException e) {
      throw new InvalidSettingException(
          PushbackAuthFilter.MAX_BODY_BYTES_PARAM,
          "expected a whole number of bytes from 0 to "
              + PushbackAuthFilter.LARGEST_MAX_BODY_BYTES
              + " but found '"
              + value
              + "'");
    }
  }

  @Override
  public Resolution resolve(HttpServletRequest request) {
    return protection;
  }
}
