package io.pushback.web.admin;

import io.pushback.endpoint.Endpoint;
import io.pushback.endpoint.EndpointStore;
import io.pushback.endpoint.Partner;
import io.pushback.endpoint.PartnerStore;
import io.pushback.endpoint.Site;
import java.util.Optional;

/** Finds what an admin URL names, or answers 404 naming it. */
final class Lookups {
  private final PartnerStore partners;
  private final EndpointStore endpoints;

  Lookups(PartnerStore partners, EndpointStore endpoints) {
    this.partners = partners;
    this.endpoints = endpoints;
  }

  Partner partner(String slug) {
    return partners.partnerBySlug(slug).orElseThrow(() -> ApiException.notFound("partner " + slug));
  }

  Site site(Partner partner, String slug) {
    return partners
        .siteBySlug(partner.id(), slug)
        .orElseThrow(() -> ApiException.notFound("site " + slug + " of partner " + partner.slug()));
  }

  Endpoint endpoint(long id) {
    return endpoints.find(id).orElseThrow(() -> ApiException.notFound("endpoint " + id));
  }

  Partner partnerOf(Endpoint endpoint) {
    return partners
        .partner(endpoint.partnerId())
        .orElseThrow(
            () -> new IllegalStateException("endpoint " + endpoint.id() + " has no partner"));
  }

  Optional<Site> siteOf(Endpoint endpoint) {
    return endpoint.siteId().isPresent()
        ? partners.site(endpoint.siteId().getAsLong())
        : Optional.empty();
  }
}
