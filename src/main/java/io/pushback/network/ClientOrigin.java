package io.pushback.network;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a request came from, as {@link TrustedProxies} derives it: the client and the scheme it
 * used, or the finding that a trusted proxy sent forwarding headers that cannot be read.
 */
public sealed interface ClientOrigin {
  /**
   * The client of a request.
   *
   * @param address the client's address as text: canonical when it is an IP address, else what the
   *     proxy said ({@code unknown}, an obfuscated identifier) or what the container reported
   * @param ip the client's IP address, empty when it is not known
   * @param secure whether the client reached the first trusted hop over HTTPS
   */
  record Derived(String address, Optional<IpAddress> ip, boolean secure) implements ClientOrigin {
    public Derived {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(ip, "ip");
    }
  }

  /**
   * A trusted proxy sent forwarding headers that cannot be read or contradict each other.
   *
   * @param problem what is wrong, naming the header but never quoting its value
   */
  record Malformed(String problem) implements ClientOrigin {
    public Malformed {
      Objects.requireNonNull(problem, "problem");
    }
  }
}
