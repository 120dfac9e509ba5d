package io.pushback.saga;

import io.pushback.auth.RequestHeaders;
import io.pushback.endpoint.Endpoint;
import io.pushback.endpoint.Partner;
import io.pushback.endpoint.Site;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a saga run receives. {@code parameters} merges the query string with the form or JSON body:
 * a form or query parameter maps to a {@code String}, or a {@code List<String>} when repeated; a
 * JSON object body's members keep their structure ({@code Map}, {@code List}, {@code String},
 * {@code Number}, {@code Boolean}, null) and win over query parameters of the same name. {@code
 * headers} holds no credential header. The saga may record a short result text with {@link
 * #recordResult}; it is stored on the delivery. Not thread-safe: one context per run.
 */
public final class SagaContext {
  private final Endpoint endpoint;
  private final Partner partner;
  private final Optional<Site> site;
  private final long deliveryId;
  private final Map<String, Object> parameters;
  private final byte[] body;
  private final Optional<String> contentType;
  private final List<RequestHeaders.Header> headers;
  private String result;

  public SagaContext(
      Endpoint endpoint,
      Partner partner,
      Optional<Site> site,
      long deliveryId,
      Map<String, Object> parameters,
      byte[] body,
      Optional<String> contentType,
      List<RequestHeaders.Header> headers) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.partner = Objects.requireNonNull(partner, "partner");
    this.site = Objects.requireNonNull(site, "site");
    this.deliveryId = deliveryId;
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    this.body = body.clone();
    this.contentType = Objects.requireNonNull(contentType, "contentType");
    this.headers = List.copyOf(headers);
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  /** The partner the endpoint belongs to, directly or through its site. */
  public Partner partner() {
    return partner;
  }

  /**
   * The site in whose context the request came: the endpoint's own site, or the one named in the
   * URL.
   */
  public Optional<Site> site() {
    return site;
  }

  public long deliveryId() {
    return deliveryId;
  }

  /** The endpoint's saga settings as a JSON object text. */
  public String sagaSettings() {
    return endpoint.sagaSettings();
  }

  public Map<String, Object> parameters() {
    return parameters;
  }

  /** The raw body bytes exactly as received and verified. */
  public byte[] body() {
    return body.clone();
  }

  public Optional<String> contentType() {
    return contentType;
  }

  /** The request's headers, without any that carried a credential. */
  public List<RequestHeaders.Header> headers() {
    return headers;
  }

  /** Records a short text on the delivery for operators; the last call wins. */
  public void recordResult(String text) {
    this.result = Objects.requireNonNull(text, "text");
  }

  /** What the saga recorded, if anything. */
  public Optional<String> result() {
    return Optional.ofNullable(result);
  }
}
