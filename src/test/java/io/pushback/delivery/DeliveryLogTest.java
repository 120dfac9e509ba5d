package io.pushback.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class DeliveryLogTest {
  @Test
  void leavesAPlainWordBare() {
    assertThat(DeliveryLog.value("loan-status")).isEqualTo("loan-status");
  }

  @Test
  void quotesAValueThatWouldBreakTheLineIntoOtherKeys() {
    assertThat(DeliveryLog.value("two words")).isEqualTo("\"two words\"");
    assertThat(DeliveryLog.value("a=b")).isEqualTo("\"a=b\"");
    assertThat(DeliveryLog.value("")).isEqualTo("\"\"");
  }

  @Test
  void escapesQuotesAndBackslashesAndFlattensControlCharacters() {
    assertThat(DeliveryLog.value("say \"hi\"\\\nthere")).isEqualTo("\"say \\\"hi\\\"\\\\ there\"");
  }
}
