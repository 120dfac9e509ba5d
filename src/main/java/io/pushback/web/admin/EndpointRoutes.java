package io.pushback.web.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushback.auth.InvalidSettingException;
import io.pushback.auth.PushbackAuthFilter;
import io.pushback.auth.SecuritySettings;
import io.pushback.endpoint.Credential;
import io.pushback.endpoint.DeliveryMode;
import io.pushback.endpoint.Endpoint;
import io.pushback.endpoint.EndpointStore;
import io.pushback.endpoint.NewEndpoint;
import io.pushback.endpoint.Partner;
import io.pushback.endpoint.Site;
import io.pushback.network.Cidr;
import io.pushback.network.InvalidNetworkException;
import io.pushback.network.NetworkPolicy;
import io.pushback.saga.SagaRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/** Creating, reading, changing and deleting endpoints. */
final class EndpointRoutes {
  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "saga",
          "sagaSettings",
          "security",
          "enabled",
          "maxBodyBytes",
          "mode",
          "idempotencyHeader",
          "requireHttps",
          "allowedNetworks");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");

  private final EndpointStore endpoints;
  private final SagaRegistry sagas;
  private final SecurityInput security;
  private final Lookups lookups;
  private final Views views;

  EndpointRoutes(
      EndpointStore endpoints,
      SagaRegistry sagas,
      SecurityInput security,
      Lookups lookups,
      Views views) {
    this.endpoints = endpoints;
    this.sagas = sagas;
    this.security = security;
    this.lookups = lookups;
    this.views = views;
  }

  List<Route> routes() {
    return List.of(
        new Route("POST", "/partners/{partner}/endpoints", this::createForPartner),
        new Route("POST", "/partners/{partner}/sites/{site}/endpoints", this::createForSite),
        new Route("GET", "/partners/{partner}/endpoints", this::listForPartner),
        new Route("GET", "/endpoints/{id}", request -> ApiResponse.ok(view(endpoint(request)))),
        new Route("PATCH", "/endpoints/{id}", this::patch),
        new Route("DELETE", "/endpoints/{id}", this::delete));
  }

  private ApiResponse createForPartner(ApiRequest request) {
    Partner partner = lookups.partner(request.path("partner"));
    return create(request.body(), partner, Optional.empty());
  }

  /** The partner's live endpoints, its own and its sites', oldest first; never their secrets. */
  private ApiResponse listForPartner(ApiRequest request) {
    Partner partner = lookups.partner(request.path("partner"));
    return ApiResponse.ok(
        Map.of(
            "endpoints",
            endpoints.forPartner(partner.id()).stream()
                .map(e -> views.endpoint(e, partner, lookups.siteOf(e)))
                .toList()));
  }

  private ApiResponse createForSite(ApiRequest request) {
    Partner partner = lookups.partner(request.path("partner"));
    Site site = lookups.site(partner, request.path("site"));
    return create(request.body(), partner, Optional.of(site));
  }

  private ApiResponse create(JsonFields body, Partner partner, Optional<Site> site) {
    body.allowOnly(FIELDS);
    String name = PartnerRoutes.name(body);
    String saga = saga(body.requiredText("saga"));
    JsonFields securityFields =
        body.object("security")
            .orElseThrow(() -> ApiException.badRequest("security", "is required"));
    SecuritySettings settings = security.create(securityFields);
    NewEndpoint spec =
        new NewEndpoint(
            partner.id(),
            site.map(s -> OptionalLong.of(s.id())).orElse(OptionalLong.empty()),
            name,
            saga,
            sagaSettings(body).orElse("{}"),
            settings.method(),
            settings.publicFields(),
            body.bool("enabled").orElse(true),
            maxBodyBytes(body),
            mode(body).orElse(DeliveryMode.SYNC),
            body.has("idempotencyHeader")
                ? idempotencyHeader(body)
                : SecurityInput.presetIdempotencyHeader(settings.publicFields()),
            network(body, NetworkPolicy.DEFAULT));
    Endpoint endpoint = endpoints.create(spec, Views.revealed(settings.secretFields()));
    return ApiResponse.created(
        views.withCredentials(views.endpoint(endpoint, partner, site), settings.secretFields()));
  }

  private ApiResponse patch(ApiRequest request) {
    Endpoint current = endpoint(request);
    JsonFields body = request.body().allowOnly(FIELDS);
    Optional<JsonFields> securityChanges = body.object("security");
    Map<String, String> securitySettings =
        securityChanges
            .map(s -> security.patch(current.securityMethod(), current.securitySettings(), s))
            .orElse(current.securitySettings());
    boolean presetChanged =
        securityChanges.isPresent() && securityChanges.get().has(SecuritySettings.PRESET);
    OptionalLong maxBodyBytes =
        body.has("maxBodyBytes") ? maxBodyBytes(body) : current.maxBodyBytes();
    Endpoint changed =
        new Endpoint(
            current.id(),
            current.partnerId(),
            current.siteId(),
            body.has("name") ? PartnerRoutes.name(body) : current.name(),
            current.key(),
            body.text("saga").map(this::saga).orElse(current.saga()),
            sagaSettings(body).orElse(current.sagaSettings()),
            current.securityMethod(),
            securitySettings,
            body.bool("enabled").orElse(current.enabled()),
            maxBodyBytes,
            mode(body).orElse(current.mode()),
            body.has("idempotencyHeader")
                ? idempotencyHeader(body)
                : presetChanged
                    ? SecurityInput.presetIdempotencyHeader(securitySettings)
                    : current.idempotencyHeader(),
            network(body, current.network()),
            current.createdAt(),
            current.updatedAt());
    validateWithCredentials(changed);
    return ApiResponse.ok(
        view(
            endpoints
                .update(changed)
                .orElseThrow(() -> ApiException.notFound("endpoint " + changed.id()))));
  }

  private ApiResponse delete(ApiRequest request) {
    Endpoint endpoint = endpoint(request);
    endpoints.delete(endpoint.id());
    return new ApiResponse(204, null);
  }

  /**
   * Public security settings are checked against each active credential, as requests will use them.
   */
  private void validateWithCredentials(Endpoint endpoint) {
    for (Credential credential : endpoints.activeCredentials(endpoint.id())) {
      try {
        endpoint.securityWith(credential);
      } catch (InvalidSettingException e) {
        throw ApiException.badRequest("security." + e.field(), e.problem());
      }
    }
  }

  private Endpoint endpoint(ApiRequest request) {
    return lookups.endpoint(request.pathId("id", "endpoint"));
  }

  private Map<String, Object> view(Endpoint endpoint) {
    return views.endpoint(endpoint, lookups.partnerOf(endpoint), lookups.siteOf(endpoint));
  }

  private String saga(String name) {
    if (sagas.find(name).isEmpty()) {
      throw ApiException.badRequest(
          "saga", "no saga named '" + name + "' is registered; registered: " + sagas.names());
    }
    return name;
  }

  private static Optional<String> sagaSettings(JsonFields body) {
    Optional<JsonNode> settings = body.raw("sagaSettings");
    if (settings.isPresent() && !settings.get().isObject()) {
      throw ApiException.badRequest("sagaSettings", "expected a JSON object");
    }
    return settings.map(JsonNode::toString);
  }

  private static Optional<DeliveryMode> mode(JsonFields body) {
    try {
      return body.text("mode").map(DeliveryMode::fromWireName);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("mode", e.getMessage());
    }
  }

  private static Optional<String> idempotencyHeader(JsonFields body) {
    Optional<String> header = body.text("idempotencyHeader").filter(h -> !h.isEmpty());
    if (header.isPresent() && !HEADER_NAME.matcher(header.get()).matches()) {
      throw ApiException.badRequest("idempotencyHeader", "must be a valid HTTP header name");
    }
    return header;
  }

  /**
   * The network policy {@code body} asks for, starting from {@code current}: a field that is absent
   * keeps its value, null resets it ({@code requireHttps} to the deployment's, {@code
   * allowedNetworks} to any address).
   */
  private static NetworkPolicy network(JsonFields body, NetworkPolicy current) {
    Optional<Boolean> requireHttps =
        body.present("requireHttps") ? body.bool("requireHttps") : current.requireHttps();
    List<Cidr> allowed =
        body.present("allowedNetworks") ? allowedNetworks(body) : current.allowedNetworks();
    return new NetworkPolicy(requireHttps, allowed);
  }

  private static List<Cidr> allowedNetworks(JsonFields body) {
    Optional<JsonNode> value = body.raw("allowedNetworks");
    if (value.isEmpty()) {
      return List.of();
    }
    if (!value.get().isArray()) {
      throw ApiException.badRequest(
          "allowedNetworks", "expected an array of addresses or CIDR networks");
    }
    if (value.get().size() > NetworkPolicy.MAX_ALLOWED_NETWORKS) {
      throw ApiException.badRequest(
          "allowedNetworks", "at most " + NetworkPolicy.MAX_ALLOWED_NETWORKS + " networks");
    }
    List<Cidr> networks = new ArrayList<>();
    for (int i = 0; i < value.get().size(); i++) {
      JsonNode entry = value.get().get(i);
      String field = "allowedNetworks[" + i + "]";
      if (!entry.isTextual()) {
        throw ApiException.badRequest(field, "expected a string such as \"203.0.113.0/24\"");
      }
      try {
        networks.add(Cidr.parse(entry.asText()));
      } catch (InvalidNetworkException e) {
        throw ApiException.badRequest(field, e.getMessage());
      }
    }
    return networks;
  }

  private static OptionalLong maxBodyBytes(JsonFields body) {
    Optional<Long> limit =
        body.wholeNumber("maxBodyBytes", 0, PushbackAuthFilter.LARGEST_MAX_BODY_BYTES);
    return limit.map(OptionalLong::of).orElse(OptionalLong.empty());
  }
}
