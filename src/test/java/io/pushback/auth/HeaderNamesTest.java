package io.pushback.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class HeaderNamesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Access-Token",
        "ACCESS_TOKEN",
        "HTTP_ACCESS_TOKEN",
        "access-token",
        "access_token",
        "Http-Access-Token",
        "http_access-token"
      })
  void treatsCaseDashUnderscoreAndCgiPrefixAsOneName(String spelling) {
    assertThat(HeaderNames.normalize(spelling)).isEqualTo(HeaderNames.normalize("Access-Token"));
  }

  @Test
  void cgiAuthorizationIsAuthorization() {
    assertThat(HeaderNames.normalize(HeaderNames.CGI_AUTHORIZATION))
        .isEqualTo(HeaderNames.normalize(HeaderNames.AUTHORIZATION));
  }

  @Test
  void keepsDifferentNamesApart() {
    assertThat(HeaderNames.normalize("Access-Token"))
        .isNotEqualTo(HeaderNames.normalize("Access-Secret"));
    assertThat(HeaderNames.normalize("PUSHBACK_SIGNATURE"))
        .isNotEqualTo(HeaderNames.normalize("PUSHBACK_SIGNATURES"));
  }
}
