package io.pushback.web;

import io.pushback.auth.ErrorAnswer;
import io.pushback.auth.Resolution;
import io.pushback.auth.SecurityResolver;
import io.pushback.auth.SecuritySettings;
import io.pushback.auth.VerifierFactory;
import io.pushback.endpoint.Credential;
import io.pushback.endpoint.Endpoint;
import io.pushback.endpoint.EndpointStore;
import io.pushback.endpoint.Partner;
import io.pushback.endpoint.PartnerStore;
import io.pushback.endpoint.Site;
import io.pushback.endpoint.StoreUnavailableException;
import io.pushback.network.ClientOrigin;
import io.pushback.network.NetworkPolicy;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the endpoint a pushback URL names, and so the security method the filter must apply: 405
 * for anything but POST, 404 for an unknown key, a disabled endpoint or a site that is not the
 * partner's, 503 when the store cannot answer. Then applies the endpoint's network policy to the
 * client {@link ClientOriginFilter} derived: 403, recorded as a rejected delivery, for plain HTTP
 * to an endpoint that requires HTTPS or a client outside its allowed networks. Never a redirect.
 * Thread-safe.
 */
final class EndpointResolver implements SecurityResolver {
  private static final Logger LOG = LoggerFactory.getLogger(EndpointResolver.class);
  static final String RETRY_AFTER_SECONDS = "5";

  private static final Resolution NOT_POST =
      new Resolution.Refuse(ErrorAnswer.METHOD_NOT_ALLOWED, Map.of("Allow", "POST"));
  private static final Resolution NOT_FOUND =
      new Resolution.Refuse(ErrorAnswer.NOT_FOUND, Map.of());
  private static final Resolution FORBIDDEN =
      new Resolution.Refuse(ErrorAnswer.forStatus(403), Map.of());
  static final Resolution UNAVAILABLE =
      new Resolution.Refuse(ErrorAnswer.UNAVAILABLE, Map.of("Retry-After", RETRY_AFTER_SECONDS));

  private final EndpointStore endpoints;
  private final PartnerStore partners;
  private final long defaultMaxBodyBytes;
  private final boolean requireHttps;
  private final DeliveryRecorder recorder;
  private final ResolutionCache cache;
  private final Clock clock;

  /**
   * @param requireHttps the deployment's require-HTTPS setting, for endpoints that set none
   * @param recorder records the refusals of the network policy
   * @param cache keeps what paths resolved to between admin changes
   */
  EndpointResolver(
      EndpointStore endpoints,
      PartnerStore partners,
      long defaultMaxBodyBytes,
      boolean requireHttps,
      DeliveryRecorder recorder,
      ResolutionCache cache,
      Clock clock) {
    this.endpoints = endpoints;
    this.partners = partners;
    this.defaultMaxBodyBytes = defaultMaxBodyBytes;
    this.requireHttps = requireHttps;
    this.recorder = recorder;
    this.cache = cache;
    this.clock = clock;
  }

  @Override
  public Resolution resolve(HttpServletRequest request) {
    if (!"POST".equals(request.getMethod())) {
      return NOT_POST;
    }
    Optional<PushbackPath> path =
        PushbackPath.parse(request.getContextPath(), request.getRequestURI());
    if (path.isEmpty()) {
      return NOT_FOUND;
    }
    try {
      Optional<DeliveryTarget> target = cache.find(path.get(), this::load);
      if (target.isEmpty()) {
        return NOT_FOUND;
      }
      target.get().attachTo(request);
      Endpoint endpoint = target.get().endpoint();
      Optional<String> refusal = networkRefusal(endpoint, ClientOriginFilter.clientOf(request));
      if (refusal.isPresent()) {
        LOG.debug("refused {}: {}", request.getRequestURI(), refusal.get());
        recorder.forbidden(request, target.get(), refusal.get());
        return FORBIDDEN;
      }
      return Resolution.protect(
          target.get().verifier(), endpoint.maxBodyBytes().orElse(defaultMaxBodyBytes));
    } catch (StoreUnavailableException e) {
      LOG.warn("store unavailable while resolving a pushback request: {}", e.getMessage());
      return UNAVAILABLE;
    }
  }

  /** Why the endpoint's network policy refuses this client, if it does. */
  private Optional<String> networkRefusal(Endpoint endpoint, ClientOrigin.Derived client) {
    NetworkPolicy policy = endpoint.network();
    if (policy.requiresHttps(requireHttps) && !client.secure()) {
      return Optional.of("plain HTTP to an endpoint that requires HTTPS");
    }
    if (!policy.allows(client.ip())) {
      return Optional.of("client address " + client.address() + " is not in the allowed networks");
    }
    return Optional.empty();
  }

  /** Reads the target of {@code path} from the store, valid until its first credential expires. */
  private Optional<ResolutionCache.Resolved> load(PushbackPath path) {
    Optional<Endpoint> found = endpoints.findByKey(path.key()).filter(Endpoint::enabled);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Endpoint endpoint = found.get();
    Optional<Site> site;
    if (path.siteSlug().isPresent()) {
      if (!endpoint.isPartnerEndpoint()) {
        return Optional.empty();
      }
      site = partners.siteBySlug(endpoint.partnerId(), path.siteSlug().get());
      if (site.isEmpty()) {
        return Optional.empty();
      }
    } else {
      site =
          endpoint.siteId().isPresent()
              ? partners.site(endpoint.siteId().getAsLong())
              : Optional.empty();
    }
    List<Credential> credentials = endpoints.activeCredentials(endpoint.id());
    Optional<Partner> partner = partners.partner(endpoint.partnerId());
    if (credentials.isEmpty() || partner.isEmpty()) {
      return Optional.empty();
    }
    List<SecuritySettings> settings = credentials.stream().map(endpoint::securityWith).toList();
    Optional<Instant> expires =
        credentials.stream()
            .map(Credential::notAfter)
            .flatMap(Optional::stream)
            .min(Comparator.naturalOrder());
    return Optional.of(
        new ResolutionCache.Resolved(
            new DeliveryTarget(
                endpoint, partner.get(), site, VerifierFactory.anyOf(settings, clock)),
            expires));
  }
}
