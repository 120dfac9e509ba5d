package io.pushback.endpoint;

import io.pushback.auth.PushbackException;

/** A slug or name that must be unique within its owner is already taken. */
public final class DuplicateException extends PushbackException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public DuplicateException(String field, String message, Throwable cause) {
    super(message, cause);
    this.field = field;
  }

  /** The field whose value is taken, e.g. {@code slug} or {@code name}. */
  public String field() {
    return field;
  }
}
