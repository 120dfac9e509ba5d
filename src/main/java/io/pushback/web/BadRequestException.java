package io.pushback.web;

import io.pushback.auth.PushbackException;

/**
 * The caller sent something that cannot be used; the message says what, and is safe to show the
 * caller.
 */
public final class BadRequestException extends PushbackException {
  private static final long serialVersionUID = 1L;

  public BadRequestException(String message) {
    super(message);
  }

  public BadRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
