package io.pushback.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class RequestHeadersTest {

  @Test
  void findsEveryLineUnderAnySpellingInArrivalOrder() {
    RequestHeaders headers =
        new RequestHeaders(
            List.of(
                new RequestHeaders.Header("HTTP_ACCESS_TOKEN", "one"),
                new RequestHeaders.Header("Content-Type", "text/plain"),
                new RequestHeaders.Header("access-token", "two")));

    assertThat(headers.all("Access-Token"))
        .extracting(RequestHeaders.Header::value)
        .containsExactly("one", "two");
    assertThat(headers.single("Access-Token")).isEmpty();
    assertThat(headers.single("CONTENT_TYPE"))
        .contains(new RequestHeaders.Header("Content-Type", "text/plain"));
    assertThat(headers.all("Access-Secret")).isEmpty();
  }

  @Test
  void repetitionOutweighsAbsence() {
    RequestHeaders headers =
        new RequestHeaders(
            List.of(
                new RequestHeaders.Header("Access-Secret", "s"),
                new RequestHeaders.Header("ACCESS_SECRET", "s")));

    assertThat(headers.requireSingle("Access-Token", "Access-Secret"))
        .contains(Verdict.rejected(Verdict.Reason.DUPLICATED));
    assertThat(headers.requireSingle("Access-Token"))
        .contains(Verdict.rejected(Verdict.Reason.MISSING));
    assertThat(headers.requireSingle("Host")).contains(Verdict.rejected(Verdict.Reason.MISSING));
  }

  @Test
  void requiresNothingMoreWhenEachNameAppearsOnce() {
    RequestHeaders headers =
        new RequestHeaders(
            List.of(
                new RequestHeaders.Header("ACCESS_TOKEN", "t"),
                new RequestHeaders.Header("HTTP_ACCESS_SECRET", "s")));

    assertThat(headers.requireSingle("Access-Token", "Access-Secret")).isEqualTo(Optional.empty());
  }

  @Test
  void redactsCredentialsUnderEverySpellingAndKeepsTheRest() {
    RequestHeaders headers =
        new RequestHeaders(
            List.of(
                new RequestHeaders.Header("HTTP_AUTHORIZATION", "Basic YWNtZTpwdw=="),
                new RequestHeaders.Header("authorization", "Bearer t0k3n"),
                new RequestHeaders.Header("User-Agent", "partner/1.0")));

    assertThat(headers.redacted(Set.of(HeaderNames.normalize("Authorization")), "[redacted]"))
        .containsExactly(
            new RequestHeaders.Header("HTTP_AUTHORIZATION", "[redacted]"),
            new RequestHeaders.Header("authorization", "[redacted]"),
            new RequestHeaders.Header("User-Agent", "partner/1.0"));
  }
}
