package io.pushback.web.admin;

import io.pushback.auth.PushbackException;

/**
 * An admin API call that cannot be served; answered as {@code {"error":code,"message":message}}.
 */
final class ApiException extends PushbackException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  ApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  static ApiException badRequest(String field, String problem) {
    return new ApiException(400, "bad_request", field + ": " + problem);
  }

  static ApiException notFound(String what) {
    return new ApiException(404, "not_found", what + " does not exist");
  }

  static ApiException conflict(String message) {
    return new ApiException(409, "conflict", message);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
