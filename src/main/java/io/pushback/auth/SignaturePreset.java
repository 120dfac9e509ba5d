package io.pushback.auth;

import static io.pushback.auth.SecuritySettings.ENCODING;
import static io.pushback.auth.SecuritySettings.FORMAT;
import static io.pushback.auth.SecuritySettings.HEADER;
import static io.pushback.auth.SecuritySettings.ID_HEADER;
import static io.pushback.auth.SecuritySettings.KEY_ENCODING;
import static io.pushback.auth.SecuritySettings.PREFIX;
import static io.pushback.auth.SecuritySettings.SIGNED_CONTENT;
import static io.pushback.auth.SecuritySettings.TIMESTAMP_HEADER;
import static io.pushback.auth.SecuritySettings.TOLERANCE_SECONDS;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A named template for the {@code signature} settings of one sender, so that an operator picks a
 * name instead of reading a spec. A setting given alongside the preset overrides the preset's.
 */
public enum SignaturePreset {
  /** The source documents' scheme: {@code PUSHBACK_SIGNATURE: Base64(HMAC-SHA256(body))}. */
  MAXWELL("maxwell", Map.of(HEADER, HeaderNames.DEFAULT_SIGNATURE), null, null),

  /**
   * Standard Webhooks (Svix): {@code webhook-signature: v1,<base64> [v1,<base64> ...]} over {@code
   * {id}.{timestamp}.{body}} under the Base64 key after {@code whsec_}; Svix's {@code svix-*}
   * headers are accepted in place of the {@code webhook-*} ones.
   */
  STANDARD_WEBHOOKS(
      "standard-webhooks",
      Map.of(
          HEADER, "webhook-signature",
          FORMAT, "list",
          PREFIX, "v1,",
          KEY_ENCODING, "whsec_base64",
          TIMESTAMP_HEADER, "webhook-timestamp",
          TOLERANCE_SECONDS, "300",
          ID_HEADER, "webhook-id",
          SIGNED_CONTENT, "{id}.{timestamp}.{body}"),
      "webhook-id",
      new SignatureHeaders(
          "svix-signature", Optional.of("svix-timestamp"), Optional.of("svix-id"))),

  /**
   * GitHub: {@code X-Hub-Signature-256: sha256=<hex>}, deliveries identified by {@code
   * X-GitHub-Delivery}.
   */
  GITHUB(
      "github",
      Map.of(HEADER, "X-Hub-Signature-256", ENCODING, "hex", PREFIX, "sha256="),
      "X-GitHub-Delivery",
      null),

  /**
   * Stripe: {@code Stripe-Signature: t=<time>,v1=<hex>[,v1=<hex>]} over {@code {t}.{body}}; only
   * {@code v1} counts; the whole {@code whsec_…} string is the key.
   */
  STRIPE(
      "stripe",
      Map.of(
          HEADER, "Stripe-Signature",
          FORMAT, "stripe",
          ENCODING, "hex",
          PREFIX, "v1=",
          TOLERANCE_SECONDS, "300",
          SIGNED_CONTENT, "{timestamp}.{body}"),
      null,
      null),

  /** Shopify: {@code X-Shopify-Hmac-SHA256: Base64(HMAC-SHA256(body))}. */
  SHOPIFY("shopify", Map.of(HEADER, "X-Shopify-Hmac-SHA256"), "X-Shopify-Event-Id", null),

  /** Slack: {@code X-Slack-Signature: v0=<hex>} over {@code v0:{timestamp}:{body}}. */
  SLACK(
      "slack",
      Map.of(
          HEADER, "X-Slack-Signature",
          ENCODING, "hex",
          PREFIX, "v0=",
          TIMESTAMP_HEADER, "X-Slack-Request-Timestamp",
          TOLERANCE_SECONDS, "300",
          SIGNED_CONTENT, "v0:{timestamp}:{body}"),
      null,
      null),

  /**
   * Patchworks: {@code X-HMAC-HASH: <hex>}, HmacSHA256 unless {@code algorithm} says HmacRIPEMD128.
   */
  PATCHWORKS("patchworks", Map.of(HEADER, "X-HMAC-HASH", ENCODING, "hex"), null, null),

  /** ActiGraph: {@code X-ActiGraph-Signature: Base64(HMAC-SHA256(UTF-8 body))}. */
  ACTIGRAPH("actigraph", Map.of(HEADER, "X-ActiGraph-Signature"), null, null);

  private final String settingName;
  private final Map<String, String> settings;
  private final Optional<String> idempotencyHeader;
  private final Optional<SignatureHeaders> alternateHeaders;

  SignaturePreset(
      String settingName,
      Map<String, String> settings,
      String idempotencyHeader,
      SignatureHeaders alternateHeaders) {
    this.settingName = settingName;
    this.settings = settings;
    this.idempotencyHeader = Optional.ofNullable(idempotencyHeader);
    this.alternateHeaders = Optional.ofNullable(alternateHeaders);
  }

  /** The name operators use, e.g. {@code standard-webhooks}. */
  public String settingName() {
    return settingName;
  }

  /** The settings this preset fills, by field name; unnamed fields keep their defaults. */
  public Map<String, String> settings() {
    return settings;
  }

  /**
   * The header an endpoint with this preset takes its idempotency key from, if the sender has one.
   */
  public Optional<String> idempotencyHeader() {
    return idempotencyHeader;
  }

  /**
   * The headers a request may carry instead of {@code headers} (Svix's {@code svix-*} for Standard
   * Webhooks' {@code webhook-*}): only when {@code headers} are this preset's own.
   */
  Optional<SignatureHeaders> alternateFor(SignatureHeaders headers) {
    return alternateHeaders.filter(alternate -> headers.sameAs(ownHeaders()));
  }

  private SignatureHeaders ownHeaders() {
    return new SignatureHeaders(
        settings.get(HEADER),
        Optional.ofNullable(settings.get(TIMESTAMP_HEADER)),
        Optional.ofNullable(settings.get(ID_HEADER)));
  }

  /**
   * {@code field} with the named preset's settings filling the fields it leaves unset ({@code
   * null}); {@code field} itself when it names no preset.
   */
  public static Function<String, String> withDefaults(Function<String, String> field) {
    String name = field.apply(SecuritySettings.PRESET);
    if (name == null || name.isEmpty()) {
      return field;
    }
    SignaturePreset preset = fromSettingName(SecuritySettings.PRESET, name);
    return setting -> {
      String value = field.apply(setting);
      return value != null ? value : preset.settings.get(setting);
    };
  }

  /** The preset named {@code name}, matched exactly. */
  public static SignaturePreset fromSettingName(String field, String name) {
    for (SignaturePreset preset : values()) {
      if (preset.settingName.equals(name)) {
        return preset;
      }
    }
    throw new InvalidSettingException(
        field,
        "expected one of "
            + Arrays.stream(values())
                .map(SignaturePreset::settingName)
                .collect(Collectors.joining(", "))
            + " but found '"
            + name
            + "'");
  }
}
