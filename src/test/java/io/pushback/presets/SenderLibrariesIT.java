package io.pushback.presets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.net.Webhook;
import io.pushback.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Endpoints created by preset name over a real port, receiving requests signed by the senders' own
 * libraries: Svix's for Standard Webhooks, Stripe's for Stripe.
 */
final class SenderLibrariesIT {
  private static final String SVIX_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String STRIPE_SECRET = "whsec_test_0123456789abcdefghij";
  private static final String BODY = "{\"type\":\"invoice.paid\",\"id\":\"evt_1\"}";

  private static TestServer server;
  private static String standardPath;
  private static String stripePath;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(List.of());
    server.createPartner("acme");
    JsonNode standard =
        server.createEndpoint(
            "acme",
            "svix",
            "log",
            "{\"method\":\"signature\",\"preset\":\"standard-webhooks\",\"secret\":\""
                + SVIX_SECRET
                + "\"}");
    standardPath = standard.path("path").asText();
    assertThat(standard.path("idempotencyHeader").asText()).isEqualTo("webhook-id");
    assertThat(standard.path("security").path("preset").asText()).isEqualTo("standard-webhooks");
    stripePath =
        server
            .createEndpoint(
                "acme",
                "stripe",
                "log",
                "{\"method\":\"signature\",\"preset\":\"stripe\",\"secret\":\""
                    + STRIPE_SECRET
                    + "\"}")
            .path("path")
            .asText();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void acceptsARequestSignedBySvixUnderEitherHeaderFamily() throws Exception {
    com.svix.Webhook svix = new com.svix.Webhook(SVIX_SECRET);
    long now = Instant.now().getEpochSecond();
    String signature = svix.sign("msg_svix_1", now, BODY);
    // The library agrees with itself, so the request is what a Svix receiver would accept.
    svix.verify(BODY, svixHeaders("msg_svix_1", now, signature));

    assertThat(
            post(standardPath, BODY, family("webhook", "msg_std_1", now, signature)).statusCode())
        .isEqualTo(401);
    assertThat(
            post(standardPath, BODY, family("webhook", "msg_svix_1", now, signature)).statusCode())
        .isEqualTo(200);
    assertThat(post(standardPath, BODY, family("svix", "msg_svix_1", now, signature)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void refusesSvixRequestsThatAreStaleTamperedOrCarryTwoFamiliesThatDisagree() throws Exception {
    com.svix.Webhook svix = new com.svix.Webhook(SVIX_SECRET);
    long now = Instant.now().getEpochSecond();
    String stale = svix.sign("msg_svix_2", now - 301, BODY);
    String fresh = svix.sign("msg_svix_2", now, BODY);
    String[] both =
        concat(
            family("svix", "msg_svix_2", now, fresh), family("webhook", "msg_svix_2", now, fresh));
    String[] disagreeing =
        concat(
            family("svix", "msg_svix_2", now, fresh), family("webhook", "msg_svix_3", now, fresh));

    assertThat(
            post(standardPath, BODY, family("svix", "msg_svix_2", now - 301, stale)).statusCode())
        .isEqualTo(401);
    assertThat(
            post(standardPath, BODY + " ", family("svix", "msg_svix_2", now, fresh)).statusCode())
        .isEqualTo(401);
    assertThat(post(standardPath, BODY, disagreeing).statusCode()).isEqualTo(401);
    // Svix sends its own headers beside the standard ones: the same values twice are accepted.
    assertThat(post(standardPath, BODY, both).statusCode()).isEqualTo(200);
  }

  @Test
  void aRepeatedWebhookIdIsAnsweredWithTheFirstDelivery() throws Exception {
    com.svix.Webhook svix = new com.svix.Webhook(SVIX_SECRET);
    long now = Instant.now().getEpochSecond();
    String signature = svix.sign("msg_once", now, BODY);

    HttpResponse<String> first =
        post(standardPath, BODY, family("webhook", "msg_once", now, signature));
    HttpResponse<String> again =
        post(standardPath, BODY, family("webhook", "msg_once", now, signature));

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body());
  }

  @Test
  void acceptsARequestSignedByStripesLibrary() throws Exception {
    long now = Instant.now().getEpochSecond();
    String v1 = Webhook.Util.computeHmacSha256(STRIPE_SECRET, now + "." + BODY);
    String header = "t=" + now + ",v1=" + v1 + ",v0=" + v1;
    // Stripe's own verifier accepts what is sent.
    assertThat(Webhook.Signature.verifyHeader(BODY, header, STRIPE_SECRET, 300)).isTrue();

    assertThat(post(stripePath, BODY, "Stripe-Signature", header).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesStripeRequestsWithoutV1StaleOrForAnotherBody() throws Exception {
    long now = Instant.now().getEpochSecond();
    String v1 = Webhook.Util.computeHmacSha256(STRIPE_SECRET, now + "." + BODY);
    String stale = Webhook.Util.computeHmacSha256(STRIPE_SECRET, (now - 301) + "." + BODY);

    assertThat(post(stripePath, BODY, "Stripe-Signature", "t=" + now + ",v0=" + v1).statusCode())
        .isEqualTo(401);
    assertThat(
            post(stripePath, BODY, "Stripe-Signature", "t=" + (now - 301) + ",v1=" + stale)
                .statusCode())
        .isEqualTo(401);
    assertThat(post(stripePath, "{}", "Stripe-Signature", "t=" + now + ",v1=" + v1).statusCode())
        .isEqualTo(401);
  }

  private static Map<String, List<String>> svixHeaders(String id, long at, String signature) {
    return Map.of(
        "svix-id", List.of(id),
        "svix-timestamp", List.of(Long.toString(at)),
        "svix-signature", List.of(signature));
  }

  private static String[] family(String prefix, String id, long at, String signature) {
    return new String[] {
      prefix + "-id", id, prefix + "-timestamp", Long.toString(at), prefix + "-signature", signature
    };
  }

  private static String[] concat(String[] first, String[] second) {
    String[] all = new String[first.length + second.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }

  static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return server.send(request.build());
  }
}
