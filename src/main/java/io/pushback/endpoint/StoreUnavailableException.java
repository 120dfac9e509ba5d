package io.pushback.endpoint;

import io.pushback.auth.PushbackException;

/** The store could not be reached or did not answer in time; nothing was written. */
public final class StoreUnavailableException extends PushbackException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
