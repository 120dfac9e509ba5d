package io.pushback.auth;

/**
 * The root of every exception Pushback throws. Messages name what was expected, what was found and
 * which item, and never carry a secret value.
 */
public class PushbackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PushbackException(String message) {
    super(message);
  }

  public PushbackException(String message, Throwable cause) {
    super(message, cause);
  }
}
