package io.pushback.app;

import io.pushback.auth.ErrorAnswer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The embedded server's own error answers (a request Jetty refuses before any context sees it, such
 * as an ambiguous URI) as the same fixed JSON bodies as everything else: nothing of the request
 * echoed, no stack traces.
 */
final class JsonServerErrorHandler extends ErrorHandler {
  private static final HttpField JSON =
      new HttpField(HttpHeader.CONTENT_TYPE, ErrorAnswer.JSON_CONTENT_TYPE);

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(JSON);
    response.write(true, body(code), callback);
  }

  private static ByteBuffer body(int status) {
    return ByteBuffer.wrap(ErrorAnswer.forStatus(status).body().getBytes(StandardCharsets.UTF_8));
  }
}
