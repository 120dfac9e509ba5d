package io.pushback.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushback.auth.PushbackException;
import io.pushback.auth.RequestHeaders;
import io.pushback.delivery.Delivery;
import io.pushback.endpoint.Endpoint;
import io.pushback.endpoint.EndpointStore;
import io.pushback.endpoint.Partner;
import io.pushback.endpoint.PartnerStore;
import io.pushback.endpoint.Site;
import io.pushback.saga.SagaContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds the saga context of a stored delivery, for runs after the request has gone. Thread-safe.
 */
public final class DeliveryContexts {
  private static final TypeReference<Map<String, Object>> PARAMETERS = new TypeReference<>() {};

  private final EndpointStore endpoints;
  private final PartnerStore partners;
  private final ObjectMapper json;

  public DeliveryContexts(EndpointStore endpoints, PartnerStore partners, ObjectMapper json) {
    this.endpoints = endpoints;
    this.partners = partners;
    this.json = json;
  }

  /** The context of {@code delivery}, or empty when its endpoint has been deleted since. */
  public Optional<SagaContext> of(Delivery delivery) {
    Optional<Endpoint> endpoint = endpoints.findIncludingDeleted(delivery.endpointId());
    if (endpoint.isEmpty()) {
      return Optional.empty();
    }
    Partner partner =
        partners
            .partner(endpoint.get().partnerId())
            .orElseThrow(
                () ->
                    new PushbackException("endpoint " + delivery.endpointId() + " has no partner"));
    Optional<Site> site =
        delivery.siteId().isPresent()
            ? partners.site(delivery.siteId().getAsLong())
            : Optional.empty();
    List<RequestHeaders.Header> headers =
        delivery.headers().stream().filter(h -> !Delivery.REDACTED.equals(h.value())).toList();
    return Optional.of(
        new SagaContext(
            endpoint.get(),
            partner,
            site,
            delivery.id(),
            parameters(delivery),
            delivery.body(),
            delivery.contentType(),
            headers));
  }

  private Map<String, Object> parameters(Delivery delivery) {
    if (delivery.parameters().isEmpty()) {
      return Map.of();
    }
    try {
      return json.readValue(delivery.parameters().get(), PARAMETERS);
    } catch (JsonProcessingException e) {
      throw new PushbackException("delivery " + delivery.id() + " has unreadable parameters", e);
    }
  }
}
