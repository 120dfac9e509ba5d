package io.pushback.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The console's shell example for a {@code signature} endpoint, read line by line as a shell would
 * and turned into the same request for the JDK's client: {@code NAME='value'} assignments, the
 * {@code openssl dgst -sha256 -hmac "$SECRET" -binary | base64} signature, and the {@code curl}
 * line's headers, body and URL. Anything else in the example fails the parse.
 */
final class CurlExample {
  private static final Pattern ASSIGNMENT = Pattern.compile("([A-Z]+)='((?:[^']|'\\\\'')*)'");
  private static final String SIGNATURE_LINE =
      "SIG=$(printf '%s' \"$BODY\" | openssl dgst -sha256 -hmac \"$SECRET\" -binary | base64 | tr"
          + " -d '\\n')";
  private static final Pattern HEADER = Pattern.compile("-H (?:'([^']*)'|\"([^\"]*)\")");
  private static final Pattern VARIABLE = Pattern.compile("\\$([A-Z]+)");

  private final Map<String, String> variables = new LinkedHashMap<>();
  private final List<String[]> headers = new ArrayList<>();

  CurlExample(String script) throws GeneralSecurityException {
    for (String line : script.strip().split("\n")) {
      Matcher assignment = ASSIGNMENT.matcher(line);
      if (assignment.matches()) {
        variables.put(assignment.group(1), assignment.group(2).replace("'\\''", "'"));
      } else if (line.startsWith("SIG=")) {
        assertThat(line).isEqualTo(SIGNATURE_LINE);
        variables.put("SIG", hmacSha256Base64(variables.get("SECRET"), variables.get("BODY")));
      } else {
        assertThat(line).startsWith("curl -sS ").endsWith(" --data-binary \"$BODY\" \"$URL\"");
        Matcher header = HEADER.matcher(line);
        while (header.find()) {
          String text = header.group(1) != null ? header.group(1) : expand(header.group(2));
          int colon = text.indexOf(':');
          headers.add(new String[] {text.substring(0, colon), text.substring(colon + 1).strip()});
        }
      }
    }
    assertThat(variables).containsKeys("URL", "BODY", "SECRET", "SIG");
  }

  String secret() {
    return variables.get("SECRET");
  }

  String url() {
    return variables.get("URL");
  }

  /** The header names the example sends, in order. */
  List<String> headerNames() {
    return headers.stream().map(h -> h[0]).toList();
  }

  /** The request the example's curl line sends. */
  HttpRequest request() {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url()))
            .POST(HttpRequest.BodyPublishers.ofString(variables.get("BODY")));
    headers.forEach(h -> request.header(h[0], h[1]));
    return request.build();
  }

  private String expand(String text) {
    Matcher variable = VARIABLE.matcher(text);
    StringBuilder expanded = new StringBuilder();
    while (variable.find()) {
      String value = variables.get(variable.group(1));
      assertThat(value).as("variable %s of the example", variable.group(1)).isNotNull();
      variable.appendReplacement(expanded, Matcher.quoteReplacement(value));
    }
    return variable.appendTail(expanded).toString();
  }

  private static String hmacSha256Base64(String secret, String body)
      throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }
}
