package io.pushback.network;

import io.pushback.auth.PushbackException;

/** A network or address in a setting or admin call that cannot be used; the message says why. */
public final class InvalidNetworkException extends PushbackException {
  private static final long serialVersionUID = 1L;

  InvalidNetworkException(String message) {
    super(message);
  }
}
