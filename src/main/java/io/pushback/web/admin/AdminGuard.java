package io.pushback.web.admin;

import io.pushback.auth.ErrorAnswer;
import io.pushback.auth.HeaderNames;
import io.pushback.auth.ServletRequests;
import io.pushback.auth.Verifier;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * The admin credential in front of every admin route: without an admin token the route does not
 * exist (404); with one, a call without {@code Authorization: Bearer <token>} gets 401. Immutable,
 * thread-safe.
 */
final class AdminGuard {
  private final Optional<Verifier> adminToken;

  AdminGuard(Optional<Verifier> adminToken) {
    this.adminToken = adminToken;
  }

  /** Whether {@code request} may go on; when not, the refusal has been sent. */
  boolean admits(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (adminToken.isEmpty()) {
      ErrorAnswer.NOT_FOUND.send(response);
      return false;
    }
    if (!adminToken.get().verify(ServletRequests.inbound(request, new byte[0])).isAccepted()) {
      response.setHeader(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"pushback-admin\"");
      ErrorAnswer.UNAUTHORIZED.send(response);
      return false;
    }
    return true;
  }
}
