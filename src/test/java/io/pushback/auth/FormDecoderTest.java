package io.pushback.auth;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class FormDecoderTest {

  @Test
  void decodesPairsInOrderKeepingEveryValue() {
    Map<String, List<String>> form =
        FormDecoder.decode("b=2&a=1&b=two+words&c=%C3%A9t%C3%A9&flag", UTF_8, true);

    assertThat(form)
        .containsExactly(
            Map.entry("b", List.of("2", "two words")),
            Map.entry("a", List.of("1")),
            Map.entry("c", List.of("été")),
            Map.entry("flag", List.of("")));
  }

  @Test
  void decodesInTheGivenCharset() {
    assertThat(FormDecoder.decode("c=%E9t%E9", ISO_8859_1, true))
        .containsExactly(Map.entry("c", List.of("été")));
  }

  @Test
  void decodesNothingFromNothing() {
    assertThat(FormDecoder.decode(null, UTF_8, true)).isEmpty();
    assertThat(FormDecoder.decode("", UTF_8, true)).isEmpty();
    assertThat(FormDecoder.decode("&&", UTF_8, true)).isEmpty();
  }

  @Test
  void strictDecodingNamesTheMalformedPair() {
    assertThatThrownBy(() -> FormDecoder.decode("a=1&b=%zz", UTF_8, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pair 2");
  }

  @Test
  void lenientDecodingSkipsTheMalformedPair() {
    assertThat(FormDecoder.decode("a=1&b=%zz&c=3", UTF_8, false))
        .containsExactly(Map.entry("a", List.of("1")), Map.entry("c", List.of("3")));
  }
}
