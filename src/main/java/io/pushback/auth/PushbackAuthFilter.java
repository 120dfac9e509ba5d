package io.pushback.auth;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies a request's credentials before anything else sees it: reads the body once, bounded,
 * checks the credential against the endpoint's security method, answers {@code 401} on any failure,
 * and hands a verified request, body intact, down the chain.
 *
 * <p>Used alone, the filter is configured by init parameters that define one security method:
 * {@value #METHOD_PARAM} ({@code basic}, {@code token_secret}, {@code signature} or {@code bearer})
 * and that method's fields ({@code username}, {@code password}, {@code token}, {@code secret},
 * {@code header}, {@code algorithm}, {@code encoding}, {@code prefix}, {@code timestampHeader},
 * {@code toleranceSeconds}, {@code signedContent}, {@code idHeader}, {@code format}, {@code
 * keyEncoding}, or a {@code preset} such as {@code github} that fills them), plus {@value
 * #MAX_BODY_BYTES_PARAM} and {@value #BODY_TIMEOUT_SECONDS_PARAM}. Inside Pushback it is
 * constructed with a {@link SecurityResolver} that looks the endpoint up. Thread-safe once
 * initialized.
 */
public final class PushbackAuthFilter implements Filter {
  public static final String METHOD_PARAM = SecuritySettings.METHOD;
  public static final String USERNAME_PARAM = SecuritySettings.USERNAME;
  public static final String PASSWORD_PARAM = SecuritySettings.PASSWORD;
  public static final String TOKEN_PARAM = SecuritySettings.TOKEN;
  public static final String SECRET_PARAM = SecuritySettings.SECRET;
  public static final String HEADER_PARAM = SecuritySettings.HEADER;
  public static final String ALGORITHM_PARAM = SecuritySettings.ALGORITHM;
  public static final String ENCODING_PARAM = SecuritySettings.ENCODING;
  public static final String PREFIX_PARAM = SecuritySettings.PREFIX;
  public static final String MAX_BODY_BYTES_PARAM = "maxBodyBytes";
  public static final String BODY_TIMEOUT_SECONDS_PARAM = "bodyTimeoutSeconds";

  /** How long a body may take to arrive before the request is refused with 408. */
  public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(20);

  /** 1 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 1_048_576;

  /** The largest body a filter can hold in memory. */
  public static final long LARGEST_MAX_BODY_BYTES = Integer.MAX_VALUE - 8;

  /**
   * The request attribute under which a verified request's {@link InboundRequest} is found
   * downstream.
   */
  public static final String INBOUND_REQUEST_ATTRIBUTE = InboundRequest.class.getName();

  private static final Logger LOG = LoggerFactory.getLogger(PushbackAuthFilter.class);

  private static final ErrorAnswer TOO_SLOW = new ErrorAnswer(408, "request_timeout");

  private SecurityResolver resolver;
  private final AuthListener listener;
  private Duration bodyTimeout;

  /** A filter configured from its init parameters, for {@code web.xml}. */
  public PushbackAuthFilter() {
    this.listener = AuthListener.NONE;
  }

  /**
   * A filter that asks {@code resolver} for each request's security method and tells {@code
   * listener} of refusals.
   */
  public PushbackAuthFilter(SecurityResolver resolver, AuthListener listener) {
    this(resolver, listener, DEFAULT_BODY_TIMEOUT);
  }

  /** As above, refusing with 408 a body that takes longer than {@code bodyTimeout} to arrive. */
  public PushbackAuthFilter(
      SecurityResolver resolver, AuthListener listener, Duration bodyTimeout) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.bodyTimeout = Objects.requireNonNull(bodyTimeout, "bodyTimeout");
  }

  @Override
  public void init(FilterConfig config) throws ServletException {
    if (resolver == null) {
      try {
        resolver = StaticSecurityResolver.fromInitParameters(config::getInitParameter);
        bodyTimeout = StaticSecurityResolver.bodyTimeout(config::getInitParameter);
      } catch (InvalidSettingException e) {
        throw new ServletException(
            "PushbackAuthFilter '" + config.getFilterName() + "': init parameter " + e.getMessage(),
            e);
      }
    }
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;

    // 1. Which endpoint, and which security method? Unknown targets are refused before anything is
    // read.
    Resolution resolution = resolver.resolve(request);
    if (resolution instanceof Resolution.Refuse refuse) {
      refuse.headers().forEach(response::setHeader);
      refuse.answer().send(response);
      return;
    }
    Resolution.Protect protect = (Resolution.Protect) resolution;

    // 2. Read the raw body once, bounded, before anything parses it.
    BodyReader.Outcome body;
    try {
      body =
          BodyReader.read(
              request, protect.maxBodyBytes(), System.nanoTime() + bodyTimeout.toNanos());
    } catch (IOException e) {
      LOG.debug(
          "refused {} {}: body not received: {}",
          request.getMethod(),
          request.getRequestURI(),
          e.toString());
      TOO_SLOW.send(response);
      return;
    }
    if (body.refusal() == BodyReader.Refusal.TOO_SLOW) {
      LOG.debug(
          "refused {} {}: body took over {}",
          request.getMethod(),
          request.getRequestURI(),
          bodyTimeout);
      TOO_SLOW.send(response);
      return;
    }
    if (body.refusal() == BodyReader.Refusal.TOO_LARGE) {
      LOG.debug(
          "refused {} {}: body over {} bytes",
          request.getMethod(),
          request.getRequestURI(),
          protect.maxBodyBytes());
      listener.tooLarge(
          request, ServletRequests.headers(request), protect.verifier(), protect.maxBodyBytes());
      ErrorAnswer.PAYLOAD_TOO_LARGE.send(response);
      return;
    }

    // 3. Verify the credential against those raw bytes.
    InboundRequest inbound = ServletRequests.inbound(request, body.body());
    Verdict verdict = protect.verifier().verify(inbound);
    if (verdict instanceof Verdict.Rejected rejected) {
      LOG.debug(
          "refused {} {}: credential {}",
          request.getMethod(),
          request.getRequestURI(),
          rejected.reason());
      listener.rejected(request, inbound, protect.verifier(), rejected);
      protect
          .verifier()
          .challenge()
          .ifPresent(c -> response.setHeader(HeaderNames.WWW_AUTHENTICATE, c));
      ErrorAnswer.UNAUTHORIZED.send(response);
      return;
    }

    // 4. Hand on the verified request with its body intact.
    request.setAttribute(INBOUND_REQUEST_ATTRIBUTE, inbound);
    chain.doFilter(new VerifiedRequest(request, body.body()), response);
  }
}
