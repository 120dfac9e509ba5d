package io.pushback.auth;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes {@code application/x-www-form-urlencoded} text (a query string or a form body) into
 * ordered parameters.
 */
public final class FormDecoder {
  private FormDecoder() {}

  /**
   * The parameters in {@code encoded}, in order of first appearance, each with every value it was
   * given.
   *
   * @param strict when true a malformed pair throws {@link IllegalArgumentException} naming its
   *     position; when false it is skipped, as containers do for {@code getParameter}
   */
  public static Map<String, List<String>> decode(String encoded, Charset charset, boolean strict) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return parameters;
    }
    int pairIndex = 0;
    for (String pair : encoded.split("&", -1)) {
      pairIndex++;
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String rawName = equals < 0 ? pair : pair.substring(0, equals);
      String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
      try {
        String name = URLDecoder.decode(rawName, charset);
        String value = URLDecoder.decode(rawValue, charset);
        parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } catch (IllegalArgumentException e) {
        if (strict) {
          throw new IllegalArgumentException(
              "malformed percent-encoding in form pair " + pairIndex, e);
        }
      }
    }
    return parameters;
  }
}
