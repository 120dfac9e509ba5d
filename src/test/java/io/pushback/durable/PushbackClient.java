package io.pushback.durable;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushback.testing.AdminCalls;
import io.pushback.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Talks to one Pushback node over its real port, as a partner system and as an operator: admin
 * calls with the test admin token, signed POSTs, and bounded waits for asynchronous outcomes.
 * Thread-safe.
 */
final class PushbackClient {
  /** How often a wait for an asynchronous outcome looks again. */
  private static final Duration POLL = Duration.ofMillis(20);

  private final int port;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  PushbackClient(int port) {
    this.port = port;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** An endpoint with the {@code signature} method: Base64(HMAC-SHA256(secret, signed content)). */
  record SignedEndpoint(long id, String path, String secret) {
    /** The signature of {@code content} under this endpoint's secret. */
    String sign(byte[] content) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JDK has no HmacSHA256", e);
      }
    }

    String sign(String content) {
      return sign(content.getBytes(UTF_8));
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  int port() {
    return port;
  }

  /** An admin API call; {@code body} may be null. */
  HttpResponse<String> admin(String method, String path, String body) {
    return new AdminCalls(http, uri("/"), TestServer.ADMIN_TOKEN, "the server")
        .call(method, path, body);
  }

  /** An admin call that must answer {@code expectedStatus}; its body as JSON. */
  JsonNode admin(String method, String path, String body, int expectedStatus) {
    return new AdminCalls(http, uri("/"), TestServer.ADMIN_TOKEN, "the server")
        .expect(method, path, body, expectedStatus);
  }

  void createPartner(String slug) {
    admin(
        "POST", "/partners", "{\"slug\":\"" + slug + "\",\"name\":\"Partner " + slug + "\"}", 201);
  }

  /**
   * Creates a {@code signature} endpoint of {@code partner} running {@code saga}. {@code fields}
   * are further members of the endpoint object ({@code "mode":"async"}), {@code securityFields}
   * further members of its {@code security} object ({@code "timestampHeader":"Webhook-Timestamp"});
   * either may be empty.
   */
  SignedEndpoint createSignedEndpoint(
      String partner, String name, String saga, String fields, String securityFields) {
    String secret = "secret-of-" + name + "-0123456789abcdef";
    String security =
        "{\"method\":\"signature\",\"secret\":\""
            + secret
            + "\""
            + (securityFields.isEmpty() ? "" : "," + securityFields)
            + "}";
    String body =
        "{\"name\":\""
            + name
            + "\",\"saga\":\""
            + saga
            + "\",\"security\":"
            + security
            + (fields.isEmpty() ? "" : "," + fields)
            + "}";
    JsonNode created = admin("POST", "/partners/" + partner + "/endpoints", body, 201);
    return new SignedEndpoint(created.get("id").asLong(), created.get("path").asText(), secret);
  }

  /**
   * POSTs {@code body} as JSON with its correct signature and the header pairs {@code headers}
   * (name, value, ...).
   */
  HttpResponse<String> post(SignedEndpoint endpoint, String body, String... headers) {
    return postSignedAs(endpoint, body, endpoint.sign(body), headers);
  }

  /** POSTs {@code body} as JSON with {@code signature}, right or wrong, in the signature header. */
  HttpResponse<String> postSignedAs(
      SignedEndpoint endpoint, String body, String signature, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(endpoint.path()))
            .header("Content-Type", "application/json")
            .header("PUSHBACK_SIGNATURE", signature)
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  /** One delivery as the admin API shows it. */
  JsonNode delivery(long id) {
    return admin("GET", "/deliveries/" + id, null, 200);
  }

  /**
   * The endpoint's deliveries, newest first, at most 500, optionally only those with {@code
   * outcome}.
   */
  JsonNode deliveries(long endpointId, String outcome) {
    String filter = outcome.isEmpty() ? "" : "&outcome=" + outcome;
    return admin("GET", "/endpoints/" + endpointId + "/deliveries?limit=500" + filter, null, 200);
  }

  /** The ids of the endpoint's deliveries with {@code outcome}, newest first (at most 500). */
  List<Long> deliveryIds(long endpointId, String outcome) {
    List<Long> ids = new ArrayList<>();
    deliveries(endpointId, outcome).get("deliveries").forEach(d -> ids.add(d.get("id").asLong()));
    return ids;
  }

  /**
   * Waits until delivery {@code id} has {@code outcome}, looking every few milliseconds, and
   * returns it; fails with the last view seen when {@code timeout} passes first.
   */
  JsonNode awaitOutcome(long id, String outcome, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode delivery = delivery(id);
    while (!outcome.equals(delivery.get("outcome").asText())) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "delivery "
                + id
                + " did not become "
                + outcome
                + " within "
                + timeout
                + "; last seen: "
                + delivery);
      }
      Thread.sleep(POLL.toMillis());
      delivery = delivery(id);
    }
    return delivery;
  }

  /**
   * Waits until the endpoint has no pending delivery left; fails when {@code timeout} passes first.
   */
  void awaitNonePending(long endpointId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!deliveries(endpointId, "pending").get("deliveries").isEmpty()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "endpoint " + endpointId + " still has pending deliveries after " + timeout);
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  JsonNode json(HttpResponse<String> response) {
    return json(response.body());
  }

  JsonNode json(String text) {
    try {
      return json.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending " + request.uri(), e);
    }
  }
}
