package io.pushback.auth;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A verified request whose body the filter has already read: the body can be read again, as a
 * stream or a reader, and parameters come from the query string and, for a form post, from the same
 * bytes that were verified. Not thread-safe, like the request it wraps.
 */
final class VerifiedRequest extends HttpServletRequestWrapper {
  private static final String FORM_TYPE = "application/x-www-form-urlencoded";

  private final byte[] body;
  private Map<String, String[]> parameters;

  VerifiedRequest(HttpServletRequest request, byte[] body) {
    super(request);
    this.body = body;
  }

  @Override
  public ServletInputStream getInputStream() {
    return new BodyStream(body);
  }

  @Override
  public BufferedReader getReader() {
    return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset()));
  }

  @Override
  public int getContentLength() {
    return body.length;
  }

  @Override
  public long getContentLengthLong() {
    return body.length;
  }

  @Override
  public String getParameter(String name) {
    String[] values = getParameterMap().get(name);
    return values == null ? null : values[0];
  }

  @Override
  public String[] getParameterValues(String name) {
    String[] values = getParameterMap().get(name);
    return values == null ? null : values.clone();
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.enumeration(getParameterMap().keySet());
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    if (parameters == null) {
      parameters = parseParameters();
    }
    return parameters;
  }

  private Map<String, String[]> parseParameters() {
    Charset charset = charset();
    Map<String, List<String>> merged = FormDecoder.decode(getQueryString(), charset, false);
    if (isForm()) {
      FormDecoder.decode(new String(body, charset), charset, false)
          .forEach((name, values) -> merged.merge(name, values, (a, b) -> concat(a, b)));
    }
    Map<String, String[]> result = new LinkedHashMap<>();
    merged.forEach((name, values) -> result.put(name, values.toArray(String[]::new)));
    return Collections.unmodifiableMap(result);
  }

  private static List<String> concat(List<String> first, List<String> second) {
    first.addAll(second);
    return first;
  }

  private boolean isForm() {
    return contentType().isForm();
  }

  /** The charset the sender named, or UTF-8 when it named none or one the JVM does not know. */
  private Charset charset() {
    return contentType().charset().orElse(StandardCharsets.UTF_8);
  }

  /** The header as sent: the container's own parsing throws for a charset the JVM does not know. */
  private ContentType contentType() {
    return ContentType.parse(getHeader("Content-Type"));
  }

  private static final class BodyStream extends ServletInputStream {
    private final ByteArrayInputStream in;

    BodyStream(byte[] body) {
      this.in = new ByteArrayInputStream(body);
    }

    @Override
    public int read() {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      return in.read(b, off, len);
    }

    @Override
    public boolean isFinished() {
      return in.available() == 0;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
      throw new IllegalStateException(
          "the body was read by PushbackAuthFilter; read it synchronously");
    }
  }
}
