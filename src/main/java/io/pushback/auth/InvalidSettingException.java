package io.pushback.auth;

import java.util.Objects;

/** A setting is missing or has a value that cannot be used; {@link #field()} names it. */
public final class InvalidSettingException extends PushbackException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String problem;

  public InvalidSettingException(String field, String problem) {
    this(field, problem, null);
  }

  /**
   * As {@link #InvalidSettingException(String, String)}, chaining what made the setting unusable.
   */
  public InvalidSettingException(String field, String problem, Throwable cause) {
    super(field + ": " + problem, cause);
    this.field = Objects.requireNonNull(field, "field");
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** What is wrong with the setting, without its name. */
  public String problem() {
    return problem;
  }

  /**
   * The name of the setting that was refused, as the caller spelled it in the API or init
   * parameters.
   */
  public String field() {
    return field;
  }
}
