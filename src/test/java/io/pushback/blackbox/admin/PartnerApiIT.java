package io.pushback.blackbox.admin;

import static io.pushback.blackbox.admin.AdminClient.assertBadRequestNaming;
import static io.pushback.blackbox.admin.AdminClient.assertNotFound;
import static io.pushback.blackbox.admin.AdminClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushback.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Design §7: partners (unique slug) and their sites (slug unique within the partner) through the
 * admin API.
 */
final class PartnerApiIT {
  private static TestServer server;
  private static AdminClient admin;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(List.of());
    admin = new AdminClient(server);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  // --- partners

  @Test
  void createsPartnerAndAnswersItWithIdSlugAndName() throws Exception {
    String slug = unique("acme");

    AdminAnswer answer =
        admin.post("/partners", "{\"slug\":\"" + slug + "\",\"name\":\"Acme Lending\"}");

    assertThat(answer.status()).as("%s", answer).isEqualTo(201);
    assertThat(answer.field("id").isIntegralNumber() || answer.field("id").isTextual()).isTrue();
    assertThat(answer.field("slug").asText()).isEqualTo(slug);
    assertThat(answer.field("name").asText()).isEqualTo("Acme Lending");
  }

  @Test
  void showsOnePartnerBySlug() throws Exception {
    String slug = unique("acme");
    JsonNode created =
        admin.created("/partners", "{\"slug\":\"" + slug + "\",\"name\":\"Acme Lending\"}");

    JsonNode shown = admin.ok("/partners/" + slug);

    assertThat(shown.path("id")).isEqualTo(created.path("id"));
    assertThat(shown.path("slug").asText()).isEqualTo(slug);
    assertThat(shown.path("name").asText()).isEqualTo("Acme Lending");
  }

  @Test
  void listsPartnersIncludingNewOnes() throws Exception {
    String first = admin.newPartner();
    String second = admin.newPartner();

    JsonNode list = admin.ok("/partners").path("partners");

    assertThat(list.isArray()).as("%s", list).isTrue();
    assertThat(slugs(list)).contains(first, second);
  }

  @Test
  void refusesDuplicateSlugWithConflict() throws Exception {
    String slug = admin.newPartner();

    AdminAnswer answer =
        admin.post("/partners", "{\"slug\":\"" + slug + "\",\"name\":\"Someone else\"}");

    assertThat(answer.status()).as("%s", answer).isEqualTo(409);
    assertThat(answer.error()).isNotEmpty();
    assertThat(admin.ok("/partners/" + slug).path("name").asText()).isEqualTo("Partner " + slug);
  }

  @Test
  void answersNotFoundForUnknownPartner() throws Exception {
    assertNotFound(admin.get("/partners/" + unique("nobody")));
  }

  static Stream<Arguments> invalidSlugs() {
    return Stream.of(
        Arguments.of("\"Acme Lending\""),
        Arguments.of("\"\""),
        Arguments.of("\"" + "a".repeat(300) + "\""),
        Arguments.of("\"acme/lending\""),
        Arguments.of("\"   \""),
        Arguments.of("42"),
        Arguments.of("{\"value\":\"acme\"}"));
  }

  @ParameterizedTest(name = "slug {0}")
  @MethodSource("invalidSlugs")
  void refusesInvalidPartnerSlugNamingIt(String slugJson) throws Exception {
    assertBadRequestNaming(
        admin.post("/partners", "{\"slug\":" + slugJson + ",\"name\":\"Acme\"}"), "slug");
  }

  @Test
  void refusesPartnerWithoutSlug() throws Exception {
    assertBadRequestNaming(admin.post("/partners", "{\"name\":\"Acme\"}"), "slug");
  }

  @ParameterizedTest(name = "name {0}")
  @ValueSource(strings = {"", ",\"name\":null", ",\"name\":\"\"", ",\"name\":7"})
  void refusesPartnerWithoutUsableName(String nameMember) throws Exception {
    String slug = unique("noname");

    assertBadRequestNaming(
        admin.post("/partners", "{\"slug\":\"" + slug + "\"" + nameMember + "}"), "name");
    assertNotFound(admin.get("/partners/" + slug));
  }

  @ParameterizedTest(name = "body {0}")
  @ValueSource(
      strings = {
        "slug=acme&name=Acme",
        "{\"slug\":\"acme\",",
        "[{\"slug\":\"acme\",\"name\":\"Acme\"}]",
        "\"acme\"",
        "null"
      })
  void refusesBodyThatIsNoJsonObject(String body) throws Exception {
    AdminAnswer answer = admin.post("/partners", body);

    assertThat(answer.status()).as("%s", answer).isEqualTo(400);
    assertThat(answer.message()).isNotEmpty();
  }

  @Test
  void refusesEmptyBody() throws Exception {
    AdminAnswer answer = admin.post("/partners", "");

    assertThat(answer.status()).as("%s", answer).isEqualTo(400);
  }

  @Test
  void refusesUnknownFieldNamingIt() throws Exception {
    String slug = unique("colourful");

    AdminAnswer answer =
        admin.post(
            "/partners", "{\"slug\":\"" + slug + "\",\"name\":\"Acme\",\"colour\":\"blue\"}");

    assertBadRequestNaming(answer, "colour");
    assertNotFound(admin.get("/partners/" + slug));
  }

  // --- sites

  @Test
  void createsSiteAndAnswersItWithIdSlugAndName() throws Exception {
    String partner = admin.newPartner();
    String slug = unique("main");

    AdminAnswer answer =
        admin.post(
            "/partners/" + partner + "/sites",
            "{\"slug\":\"" + slug + "\",\"name\":\"Main branch\"}");

    assertThat(answer.status()).as("%s", answer).isEqualTo(201);
    assertThat(answer.field("id").isNull()).isFalse();
    assertThat(answer.field("slug").asText()).isEqualTo(slug);
    assertThat(answer.field("name").asText()).isEqualTo("Main branch");
  }

  @Test
  void listsOnlyThePartnersOwnSites() throws Exception {
    String partner = admin.newPartner();
    String other = admin.newPartner();
    String first = admin.newSite(partner);
    String second = admin.newSite(partner);
    String elsewhere = admin.newSite(other);

    JsonNode list = admin.ok("/partners/" + partner + "/sites").path("sites");

    assertThat(list.isArray()).as("%s", list).isTrue();
    assertThat(slugs(list)).containsExactlyInAnyOrder(first, second).doesNotContain(elsewhere);
  }

  @Test
  void allowsTheSameSiteSlugUnderTwoPartners() throws Exception {
    String slug = unique("main");
    String body = "{\"slug\":\"" + slug + "\",\"name\":\"Main branch\"}";

    JsonNode first = admin.created("/partners/" + admin.newPartner() + "/sites", body);
    JsonNode second = admin.created("/partners/" + admin.newPartner() + "/sites", body);

    assertThat(first.path("id")).isNotEqualTo(second.path("id"));
  }

  @Test
  void refusesDuplicateSiteSlugUnderOnePartnerWithConflict() throws Exception {
    String partner = admin.newPartner();
    String slug = admin.newSite(partner);

    AdminAnswer answer =
        admin.post(
            "/partners/" + partner + "/sites", "{\"slug\":\"" + slug + "\",\"name\":\"Again\"}");

    assertThat(answer.status()).as("%s", answer).isEqualTo(409);
    assertThat(slugs(admin.ok("/partners/" + partner + "/sites").path("sites")))
        .containsExactly(slug);
  }

  @Test
  void answersNotFoundForSitesOfUnknownPartner() throws Exception {
    String nobody = unique("nobody");

    assertNotFound(
        admin.post("/partners/" + nobody + "/sites", "{\"slug\":\"main\",\"name\":\"Main\"}"));
    assertNotFound(admin.get("/partners/" + nobody + "/sites"));
  }

  @ParameterizedTest(name = "slug {0}")
  @MethodSource("invalidSlugs")
  void refusesInvalidSiteSlugNamingIt(String slugJson) throws Exception {
    String partner = admin.newPartner();

    assertBadRequestNaming(
        admin.post(
            "/partners/" + partner + "/sites", "{\"slug\":" + slugJson + ",\"name\":\"Main\"}"),
        "slug");
    assertThat(admin.ok("/partners/" + partner + "/sites").path("sites").size()).isZero();
  }

  @Test
  void refusesSiteWithoutNameOrWithUnknownField() throws Exception {
    String partner = admin.newPartner();
    String path = "/partners/" + partner + "/sites";

    assertBadRequestNaming(admin.post(path, "{\"slug\":\"main\"}"), "name");
    assertBadRequestNaming(
        admin.post(path, "{\"slug\":\"main\",\"name\":\"Main\",\"city\":\"Leeds\"}"), "city");
    assertThat(admin.post(path, "[]").status()).isEqualTo(400);
    assertThat(admin.post(path, "not json").status()).isEqualTo(400);
  }

  @Test
  void answersNotFoundForEndpointOfUnknownSite() throws Exception {
    String partner = admin.newPartner();

    assertNotFound(
        admin.post(
            "/partners/" + partner + "/sites/" + unique("nosite") + "/endpoints",
            "{\"name\":\"hook\",\"saga\":\"log\",\"security\":{\"method\":\"bearer\"}}"));
  }

  @Test
  void answersMethodNotAllowedAsJson() throws Exception {
    AdminAnswer answer = admin.call("PUT", "/partners", "{\"slug\":\"x\",\"name\":\"X\"}");

    assertThat(answer.status()).as("%s", answer).isEqualTo(405);
    assertThat(answer.error()).isNotEmpty();
  }

  @Test
  void answersPayloadTooLargeAsJsonForAHugeBody() throws Exception {
    String huge = "{\"slug\":\"huge\",\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

    AdminAnswer answer = admin.post("/partners", huge);

    assertThat(answer.status()).as("%s", answer.status()).isEqualTo(413);
    assertThat(answer.error()).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/partners/", "/partners/x/sites/", "/PARTNERS", "/partners/a%20b"})
  void answersPathsThatAreNoRouteWithJson(String path) throws Exception {
    AdminAnswer answer = admin.get(path);

    assertThat(answer.status()).as("%s", answer).isBetween(400, 499);
    assertThat(answer.error()).as("%s", answer).isNotEmpty();
  }

  /**
   * The container refuses these before the admin servlet sees them; its answer must still be JSON.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/partners/a%2Fb", "/partners/%2e%2e", "/partners//sites"})
  void answersAmbiguousPathsWithJson(String path) throws Exception {
    AdminAnswer answer = admin.get(path);

    assertThat(answer.status()).as("%s", answer).isBetween(400, 499);
    assertThat(answer.error()).as("%s", answer).isNotEmpty();
  }

  @Test
  void refusesOverlongPartnerName() throws Exception {
    String slug = unique("longname");

    assertBadRequestNaming(
        admin.post(
            "/partners", "{\"slug\":\"" + slug + "\",\"name\":\"" + "n".repeat(1000) + "\"}"),
        "name");
    assertNotFound(admin.get("/partners/" + slug));
  }

  private static List<String> slugs(JsonNode list) {
    List<String> slugs = new ArrayList<>();
    list.forEach(item -> slugs.add(item.path("slug").asText()));
    return slugs;
  }
}
