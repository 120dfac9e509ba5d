package io.pushback.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pushback.auth.FormDecoder;
import io.pushback.web.BadRequestException;
import io.pushback.web.WebParsers;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * The form decoder and the request parameters a saga receives (query string merged with a JSON or
 * form body), fed arbitrary bytes under arbitrary content types: a {@link BadRequestException} or
 * parameters, never anything else, and well-formed input comes back as it was sent.
 */
class RequestParametersFuzzTest {
  private static final int TRIES = 1000;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  // FormDecoder

  @Provide
  Arbitrary<String> formText() {
    Arbitrary<String> pairs =
        Arbitraries.strings()
            .withChars("abc=&%+2fF0;.")
            .withChars("\u00e9\u20ac\ud83d\ude00")
            .ofMaxLength(40);
    return Arbitraries.oneOf(List.of(Inputs.hostileText(), pairs));
  }

  @Provide
  Arbitrary<Charset> charsets() {
    return Arbitraries.of(
        StandardCharsets.UTF_8,
        StandardCharsets.ISO_8859_1,
        StandardCharsets.US_ASCII,
        StandardCharsets.UTF_16,
        StandardCharsets.UTF_16LE,
        Charset.forName("windows-1252"),
        Charset.forName("Shift_JIS"));
  }

  @Property(tries = TRIES)
  void strictDecodingAnswersOrNamesTheMalformedPairAndLenientDecodingAlwaysAnswers(
      @ForAll("formText") String text, @ForAll("charsets") Charset charset) {
    Map<String, List<String>> lenient = FormDecoder.decode(text, charset, false);
    Throwable thrown = catchThrowable(() -> FormDecoder.decode(text, charset, true));

    if (thrown == null) {
      assertThat(FormDecoder.decode(text, charset, true)).isEqualTo(lenient);
    } else {
      assertThat(thrown)
          .isExactlyInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("malformed percent-encoding in form pair ");
    }
  }

  @Provide
  Arbitrary<List<Tuple2<String, String>>> pairs() {
    return Combinators.combine(unicodeText(), unicodeText()).as(Tuple::of).list().ofMaxSize(8);
  }

  /** Text that survives encoding: no lone surrogates, which no charset can write. */
  private static Arbitrary<String> unicodeText() {
    return Arbitraries.strings()
        .withCharRange('\u0000', '\ud7ff')
        .withCharRange('\ue000', '\ufffd')
        .ofMaxLength(20);
  }

  @Property(tries = TRIES)
  void anEncodedFormDecodesToWhatWasEncoded(
      @ForAll("pairs") List<Tuple2<String, String>> pairs,
      @ForAll("unicodeCharsets") Charset charset) {
    StringBuilder encoded = new StringBuilder();
    Map<String, List<String>> expected = new LinkedHashMap<>();
    for (Tuple2<String, String> pair : pairs) {
      encoded.append(encoded.isEmpty() ? "" : "&");
      encoded.append(URLEncoder.encode(pair.get1(), charset));
      encoded.append('=').append(URLEncoder.encode(pair.get2(), charset));
      expected.computeIfAbsent(pair.get1(), k -> new ArrayList<>()).add(pair.get2());
    }

    assertThat(FormDecoder.decode(encoded.toString(), charset, true)).isEqualTo(expected);
  }

  @Provide
  Arbitrary<Charset> unicodeCharsets() {
    return Arbitraries.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16);
  }

  // RequestParameters

  @Provide
  Arbitrary<Optional<String>> contentTypes() {
    Arbitrary<String> known =
        Arbitraries.of(
            "application/json",
            "application/json; charset=utf-8",
            "APPLICATION/JSON",
            "application/vnd.api+json",
            "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=ISO-8859-1",
            "application/x-www-form-urlencoded; charset=\"utf-16\"",
            "application/x-www-form-urlencoded; charset=Shift_JIS",
            "application/x-www-form-urlencoded;charset=x-no-such-charset",
            "application/x-www-form-urlencoded; charset=bad name!",
            "application/x-www-form-urlencoded; charset=",
            "application/x-www-form-urlencoded; charset=\"\"",
            "application/x-www-form-urlencoded; charset=utf-8; charset=latin1",
            "text/plain",
            "multipart/form-data; boundary=x",
            ";",
            "",
            "+json");
    return Arbitraries.oneOf(
            List.of(
                known,
                Inputs.hostileText(),
                Inputs.hostileText().map(t -> "application/x-www-form-urlencoded; charset=" + t)))
        .optional(0.9);
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    Arbitrary<String> jsonish =
        Arbitraries.strings().withChars("{}[]\":,0123456789.eE-+ntrufalsnul\\ ").ofMaxLength(60);
    Arbitrary<String> deep =
        Arbitraries.integers()
            .between(1, 5_000)
            .flatMap(
                depth ->
                    Arbitraries.of("[", "{\"a\":", "[{\"a\":").map(open -> open.repeat(depth)));
    Arbitrary<String> numbers =
        Arbitraries.integers()
            .between(1, 5_000)
            .flatMap(
                digits ->
                    Arbitraries.of("", "-", "{\"n\":", "[1e")
                        .map(start -> start + "9".repeat(digits)));
    return Arbitraries.oneOf(
        List.of(
            Inputs.bytes(256),
            Inputs.hostileText().map(t -> t.getBytes(StandardCharsets.UTF_8)),
            jsonish.map(t -> t.getBytes(StandardCharsets.UTF_8)),
            deep.map(t -> t.getBytes(StandardCharsets.UTF_8)),
            numbers.map(t -> t.getBytes(StandardCharsets.UTF_8)),
            Arbitraries.of(
                new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'},
                new byte[] {(byte) 0xfe, (byte) 0xff, 0, '{', 0, '}'},
                new byte[] {0, 0, 0, '{', 0, 0, 0, '}'},
                new byte[] {'{', '}', '{', '}'},
                " \t\r\n".getBytes(StandardCharsets.US_ASCII),
                "null".getBytes(StandardCharsets.US_ASCII))));
  }

  @Property(tries = TRIES)
  void arbitraryRequestsGiveParametersOrABadRequest(
      @ForAll("formText") String query,
      @ForAll("contentTypes") Optional<String> contentType,
      @ForAll("bodies") byte[] body) {
    Throwable thrown = catchThrowable(() -> WebParsers.parameters(query, contentType, body));

    if (thrown != null) {
      assertThat(thrown).isInstanceOf(BadRequestException.class);
      assertThat(thrown.getMessage()).isNotBlank();
    }
  }

  @Property(tries = TRIES)
  void aJsonObjectBodyArrivesAsItsMembersAfterTheQuery(
      @ForAll("stringMaps") Map<String, String> members) throws JsonProcessingException {
    byte[] body = JSON.writeValueAsBytes(members);

    Map<String, Object> parameters =
        WebParsers.parameters("", Optional.of("application/json"), body);

    assertThat(parameters).isEqualTo(members);
  }

  @Provide
  Arbitrary<Map<String, String>> stringMaps() {
    return Arbitraries.maps(unicodeText(), unicodeText()).ofMaxSize(8);
  }

  @Property(tries = TRIES)
  void aFormBodyArrivesAsItsPairsMergedAfterTheQuery(
      @ForAll("pairs") List<Tuple2<String, String>> query,
      @ForAll("pairs") List<Tuple2<String, String>> form) {
    Map<String, List<String>> expected = new LinkedHashMap<>();
    query.forEach(p -> expected.computeIfAbsent(p.get1(), k -> new ArrayList<>()).add(p.get2()));
    form.forEach(p -> expected.computeIfAbsent(p.get1(), k -> new ArrayList<>()).add(p.get2()));

    Map<String, Object> parameters =
        WebParsers.parameters(
            encode(query),
            Optional.of("application/x-www-form-urlencoded"),
            encode(form).getBytes(StandardCharsets.UTF_8));

    Map<String, Object> flattened = new LinkedHashMap<>();
    expected.forEach(
        (name, values) -> flattened.put(name, values.size() == 1 ? values.get(0) : values));
    assertThat(parameters).isEqualTo(flattened);
  }

  private static String encode(List<Tuple2<String, String>> pairs) {
    List<String> encoded = new ArrayList<>();
    for (Tuple2<String, String> pair : pairs) {
      encoded.add(
          URLEncoder.encode(pair.get1(), StandardCharsets.UTF_8)
              + "="
              + URLEncoder.encode(pair.get2(), StandardCharsets.UTF_8));
    }
    return String.join("&", encoded);
  }
}
