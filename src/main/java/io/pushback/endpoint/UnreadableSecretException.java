package io.pushback.endpoint;

import io.pushback.auth.PushbackException;

/**
 * A sealed value did not decrypt: it was sealed under another key, or was altered. Which it was
 * cannot be told apart, by design of authenticated encryption.
 */
public final class UnreadableSecretException extends PushbackException {
  private static final long serialVersionUID = 1L;

  public UnreadableSecretException(String message, Throwable cause) {
    super(message, cause);
  }
}
