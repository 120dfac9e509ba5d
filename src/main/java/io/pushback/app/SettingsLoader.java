package io.pushback.app;

import io.pushback.auth.InvalidSettingException;
import io.pushback.auth.PushbackAuthFilter;
import io.pushback.auth.Secret;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads {@link Settings} from sources in order of precedence, the first that sets a name winning:
 * environment variables, then Java system properties, then servlet context parameters. Every source
 * uses the same names ({@code PUSHBACK_PORT}, ...). A value that cannot be used fails start with a
 * message naming the setting.
 */
public final class SettingsLoader {
  /** At least 16 characters of a bearer token's alphabet (RFC 6750 b64token). */
  private static final Pattern ADMIN_TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]{16,}=*");

  private final List<Function<String, String>> sources;

  public SettingsLoader(List<Function<String, String>> sources) {
    this.sources = List.copyOf(sources);
  }

  /** Environment, then system properties, then {@code contextParameters}. */
  public static SettingsLoader standard(Function<String, String> contextParameters) {
    Map<String, String> environment = System.getenv();
    return new SettingsLoader(List.of(environment::get, System::getProperty, contextParameters));
  }

  public Settings load() {
    return new Settings(
        integer(Settings.PORT, Settings.DEFAULT_PORT, 0, 65_535),
        text(Settings.DB_URL).orElse(Settings.DEFAULT_DB_URL),
        text(Settings.DB_USER),
        text(Settings.DB_PASSWORD).map(Secret::of),
        adminToken(),
        integer(
            Settings.MAX_BODY_BYTES,
            Settings.DEFAULT_MAX_BODY_BYTES,
            0,
            PushbackAuthFilter.LARGEST_MAX_BODY_BYTES),
        integer(Settings.DB_POOL_SIZE, Settings.DEFAULT_DB_POOL_SIZE, 1, 1_000));
  }

  private Optional<Secret> adminToken() {
    Optional<String> token = text(Settings.ADMIN_TOKEN);
    if (token.isPresent() && !ADMIN_TOKEN.matcher(token.get()).matches()) {
      throw new InvalidSettingException(
          Settings.ADMIN_TOKEN,
          "expected at least 16 characters from A-Z a-z 0-9 - . _ ~ + / (a bearer token); the value given is not");
    }
    return token.map(Secret::of);
  }

  private long integer(String name, long fallback, long min, long max) {
    Optional<String> value = text(name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value.get().strip());
      if (parsed < min || parsed > max) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new InvalidSettingException(
          name,
          "expected a whole number from "
              + min
              + " to "
              + max
              + " but found '"
              + value.get()
              + "'");
    }
  }

  private int integer(String name, int fallback, int min, int max) {
    return Math.toIntExact(integer(name, (long) fallback, (long) min, (long) max));
  }

  private Optional<String> text(String name) {
    for (Function<String, String> source : sources) {
      String value = source.apply(name);
      if (value != null && !value.isBlank()) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
