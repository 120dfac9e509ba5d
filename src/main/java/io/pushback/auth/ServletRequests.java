package io.pushback.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Builds the servlet-free {@link InboundRequest} that verifiers read from a servlet request. */
public final class ServletRequests {
  private ServletRequests() {}

  public static InboundRequest inbound(HttpServletRequest request, byte[] body) {
    String query = request.getQueryString();
    return new InboundRequest(
        request.getMethod(),
        request.getRequestURI(),
        query == null ? "" : query,
        headers(request),
        body,
        String.valueOf(request.getRemoteAddr()));
  }

  /** Every header line, each once: names differing only in case are one name to the container. */
  public static RequestHeaders headers(HttpServletRequest request) {
    List<RequestHeaders.Header> lines = new ArrayList<>();
    Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (String name : Collections.list(request.getHeaderNames())) {
      if (seen.add(name)) {
        for (String value : Collections.list(request.getHeaders(name))) {
          lines.add(new RequestHeaders.Header(name, value));
        }
      }
    }
    return new RequestHeaders(lines);
  }
}
