package io.pushback.web.admin;

import io.pushback.endpoint.Partner;
import io.pushback.endpoint.PartnerStore;
import io.pushback.endpoint.Site;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Partners and their sites. */
final class PartnerRoutes {
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final int MAX_NAME = 200;
  private static final Set<String> FIELDS = Set.of("slug", "name");

  private final PartnerStore partners;
  private final Lookups lookups;
  private final Views views;

  PartnerRoutes(PartnerStore partners, Lookups lookups, Views views) {
    this.partners = partners;
    this.lookups = lookups;
    this.views = views;
  }

  List<Route> routes() {
    return List.of(
        new Route("POST", "/partners", this::createPartner),
        new Route(
            "GET",
            "/partners",
            request ->
                ApiResponse.ok(
                    Map.of("partners", partners.partners().stream().map(views::partner).toList()))),
        new Route(
            "GET",
            "/partners/{partner}",
            request -> ApiResponse.ok(views.partner(lookups.partner(request.path("partner"))))),
        new Route("POST", "/partners/{partner}/sites", this::createSite),
        new Route("GET", "/partners/{partner}/sites", this::listSites));
  }

  private ApiResponse createPartner(ApiRequest request) {
    JsonFields body = request.body().allowOnly(FIELDS);
    Partner partner = partners.createPartner(slug(body), name(body));
    return ApiResponse.created(views.partner(partner));
  }

  private ApiResponse createSite(ApiRequest request) {
    Partner partner = lookups.partner(request.path("partner"));
    JsonFields body = request.body().allowOnly(FIELDS);
    Site site = partners.createSite(partner, slug(body), name(body));
    return ApiResponse.created(views.site(site, partner));
  }

  private ApiResponse listSites(ApiRequest request) {
    Partner partner = lookups.partner(request.path("partner"));
    return ApiResponse.ok(
        Map.of(
            "sites", partners.sites(partner).stream().map(s -> views.site(s, partner)).toList()));
  }

  private static String slug(JsonFields body) {
    String slug = body.requiredText("slug");
    if (!SLUG.matcher(slug).matches()) {
      throw ApiException.badRequest(
          "slug",
          "expected 1 to 63 lower-case letters, digits and '-', starting with a letter or digit");
    }
    return slug;
  }

  static String name(JsonFields body) {
    String name = body.requiredText("name").strip();
    if (name.length() > MAX_NAME) {
      throw ApiException.badRequest("name", "must be at most " + MAX_NAME + " characters");
    }
    return name;
  }
}
