package io.pushback.app;

import io.pushback.auth.InvalidSettingException;
import io.pushback.auth.PushbackAuthFilter;
import io.pushback.auth.Secret;
import io.pushback.endpoint.MasterKey;
import io.pushback.network.Cidr;
import io.pushback.network.InvalidNetworkException;
import io.pushback.network.TrustedProxies;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
        integer(Settings.DB_POOL_SIZE, Settings.DEFAULT_DB_POOL_SIZE, 1, 1_000),
        duration(
            Settings.DB_TIMEOUT,
            Settings.DEFAULT_DB_TIMEOUT,
            Duration.ofMillis(100),
            Duration.ofMinutes(5)),
        integer(Settings.WORKERS, Settings.DEFAULT_WORKERS, 1, 1_000),
        integer(Settings.MAX_ATTEMPTS, Settings.DEFAULT_MAX_ATTEMPTS, 1, 1_000),
        duration(
            Settings.RETRY_BASE,
            Settings.DEFAULT_RETRY_BASE,
            Duration.ofMillis(1),
            Duration.ofDays(1)),
        duration(
            Settings.RETRY_MAX,
            Settings.DEFAULT_RETRY_MAX,
            Duration.ofMillis(1),
            Duration.ofDays(7)),
        duration(
            Settings.LEASE, Settings.DEFAULT_LEASE, Duration.ofMillis(100), Duration.ofDays(1)),
        duration(
            Settings.POLL_INTERVAL,
            Settings.DEFAULT_POLL_INTERVAL,
            Duration.ofMillis(10),
            Duration.ofMinutes(10)),
        duration(
            Settings.SHUTDOWN_GRACE,
            Settings.DEFAULT_SHUTDOWN_GRACE,
            Duration.ZERO,
            Duration.ofHours(1)),
        integer(Settings.KEPT_REJECTIONS, Settings.DEFAULT_KEPT_REJECTIONS, 1, 10_000_000),
        duration(
            Settings.BODY_TIMEOUT,
            Settings.DEFAULT_BODY_TIMEOUT,
            Duration.ofSeconds(1),
            Duration.ofHours(1)),
        bool(Settings.REQUIRE_HTTPS, false),
        trustedProxies(),
        masterKey(Settings.MASTER_KEY),
        masterKeyFile());
  }

  /** Comma-separated addresses or CIDR networks; each must be an IP literal, never a host name. */
  private TrustedProxies trustedProxies() {
    Optional<String> value = text(Settings.TRUSTED_PROXIES);
    if (value.isEmpty()) {
      return TrustedProxies.NONE;
    }
    List<Cidr> networks = new ArrayList<>();
    String[] entries = value.get().split(",", -1);
    for (int i = 0; i < entries.length; i++) {
      if (entries[i].isBlank()) {
        throw new InvalidSettingException(
            Settings.TRUSTED_PROXIES,
            "entry " + (i + 1) + " is empty; expected an address or CIDR");
      }
      try {
        networks.add(Cidr.parse(entries[i]));
      } catch (InvalidNetworkException e) {
        throw new InvalidSettingException(
            Settings.TRUSTED_PROXIES, "entry " + (i + 1) + ": " + e.getMessage());
      }
    }
    return new TrustedProxies(networks);
  }

  private boolean bool(String name, boolean fallback) {
    Optional<String> value = text(name).map(String::strip);
    if (value.isEmpty()) {
      return fallback;
    }
    if (value.get().equalsIgnoreCase("true")) {
      return true;
    }
    if (value.get().equalsIgnoreCase("false")) {
      return false;
    }
    throw new InvalidSettingException(
        name, "expected true or false but found '" + value.get() + "'");
  }

  /**
   * The master key set as {@code name}, Base64 of 32 bytes; the value never appears in a failure.
   */
  Optional<MasterKey> masterKey(String name) {
    Optional<String> text = text(name);
    try {
      return text.map(MasterKey::fromBase64);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(name, e.getMessage());
    }
  }

  private Optional<Path> masterKeyFile() {
    Optional<String> file = text(Settings.MASTER_KEY_FILE);
    if (file.isPresent() && text(Settings.MASTER_KEY).isPresent()) {
      throw new InvalidSettingException(
          Settings.MASTER_KEY_FILE,
          "expected either it or " + Settings.MASTER_KEY + " to be set, but found both");
    }
    try {
      return file.map(Path::of);
    } catch (InvalidPathException e) {
      throw new InvalidSettingException(
          Settings.MASTER_KEY_FILE, "expected a file path but found '" + file.get() + "'");
    }
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

  /** An ISO-8601 duration such as {@code PT5S}. */
  private Duration duration(String name, Duration fallback, Duration min, Duration max) {
    Optional<String> value = text(name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      Duration parsed = Duration.parse(value.get().strip());
      if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
        throw new DateTimeParseException("out of range", value.get(), 0);
      }
      return parsed;
    } catch (DateTimeParseException e) {
      throw new InvalidSettingException(
          name,
          "expected an ISO-8601 duration from "
              + min
              + " to "
              + max
              + " (e.g. PT5S) but found '"
              + value.get()
              + "'");
    }
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
