package io.pushback.auth;

import jakarta.servlet.http.HttpServletRequest;

/**
 * How {@link PushbackAuthFilter} finds the security method for a request: the point where a server
 * plugs its own endpoint lookup into the filter. Implementations must be thread-safe and must not
 * read the request body.
 */
@FunctionalInterface
public interface SecurityResolver {
  /** What the filter should do with {@code request}; never null. */
  Resolution resolve(HttpServletRequest request);
}
