package io.pushback.web;

import io.pushback.auth.Verifier;
import io.pushback.endpoint.Endpoint;
import io.pushback.endpoint.Partner;
import io.pushback.endpoint.Site;
import jakarta.servlet.ServletRequest;
import java.util.Optional;

/**
 * The endpoint a pushback request was resolved to, in the context of its partner and site, with the
 * verifier of its active credentials. The resolver puts it on the request for the recorder and the
 * dispatch servlet.
 */
record DeliveryTarget(Endpoint endpoint, Partner partner, Optional<Site> site, Verifier verifier) {
  private static final String ATTRIBUTE = DeliveryTarget.class.getName();

  void attachTo(ServletRequest request) {
    request.setAttribute(ATTRIBUTE, this);
  }

  static DeliveryTarget of(ServletRequest request) {
    Object target = request.getAttribute(ATTRIBUTE);
    if (target instanceof DeliveryTarget resolved) {
      return resolved;
    }
    throw new IllegalStateException("the pushback request was not resolved by EndpointResolver");
  }
}
