package io.pushback.web.admin;

/** An admin API answer: a status and a value rendered as JSON. */
record ApiResponse(int status, Object body) {
  static ApiResponse ok(Object body) {
    return new ApiResponse(200, body);
  }

  static ApiResponse created(Object body) {
    return new ApiResponse(201, body);
  }
}
