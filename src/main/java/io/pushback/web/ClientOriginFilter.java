package io.pushback.web;

import io.pushback.network.ClientOrigin;
import io.pushback.network.TrustedProxies;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Derives a pushback request's client and scheme from a trusted proxy's forwarding headers, then
 * hands the request, so seen, to the filter it wraps (the auth filter): {@code getRemoteAddr()},
 * {@code isSecure()} and {@code getScheme()} answer for the client from then on, so the delivery
 * row records it and the endpoint's policy checks it. Wrapping rather than chaining keeps the order
 * independent of how a container orders programmatic filter mappings.
 *
 * <p>Forwarding headers from a trusted proxy that cannot be read are answered 400: a proxy we trust
 * is misconfigured, and guessing could let a client choose its own address. Thread-safe.
 */
final class ClientOriginFilter implements Filter {
  private static final Logger LOG = LoggerFactory.getLogger(ClientOriginFilter.class);
  private static final String ATTRIBUTE = ClientOrigin.class.getName();

  private final TrustedProxies proxies;
  private final Filter next;
  private final JsonAnswers answers;

  ClientOriginFilter(TrustedProxies proxies, Filter next, JsonAnswers answers) {
    this.proxies = proxies;
    this.next = next;
    this.answers = answers;
  }

  @Override
  public void init(FilterConfig config) throws ServletException {
    next.init(config);
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    ClientOrigin origin =
        proxies.derive(
            request.getRemoteAddr(),
            request.isSecure(),
            name -> Collections.list(request.getHeaders(name)));
    if (origin instanceof ClientOrigin.Malformed malformed) {
      LOG.debug(
          "refused {} {} from proxy {}: {}",
          request.getMethod(),
          request.getRequestURI(),
          request.getRemoteAddr(),
          malformed.problem());
      answers.sendError(
          (HttpServletResponse) res,
          400,
          "bad_request",
          "the forwarding headers of a trusted proxy are malformed: " + malformed.problem());
      return;
    }
    ClientOrigin.Derived client = (ClientOrigin.Derived) origin;
    request.setAttribute(ATTRIBUTE, client);
    next.doFilter(new ClientRequest(request, client), res, chain);
  }

  @Override
  public void destroy() {
    next.destroy();
  }

  /** The client this filter derived for {@code request}. */
  static ClientOrigin.Derived clientOf(ServletRequest request) {
    if (request.getAttribute(ATTRIBUTE) instanceof ClientOrigin.Derived client) {
      return client;
    }
    throw new IllegalStateException("the pushback request did not pass ClientOriginFilter");
  }

  /** The request as its client made it: the client's address and scheme. */
  private static final class ClientRequest extends HttpServletRequestWrapper {
    private final ClientOrigin.Derived client;

    ClientRequest(HttpServletRequest request, ClientOrigin.Derived client) {
      super(request);
      this.client = client;
    }

    @Override
    public String getRemoteAddr() {
      return client.address();
    }

    /** The address again: Pushback never resolves names. */
    @Override
    public String getRemoteHost() {
      return client.address();
    }

    @Override
    public boolean isSecure() {
      return client.secure();
    }

    @Override
    public String getScheme() {
      return client.secure() ? "https" : "http";
    }
  }
}
