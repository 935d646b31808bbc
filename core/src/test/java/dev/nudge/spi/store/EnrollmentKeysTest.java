package dev.nudge.spi.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The name sort key every store indexes, and the order core sorts it in. */
class EnrollmentKeysTest {
  @Test
  void nameKey_isTheNameInLowerCase() {
    assertThat(EnrollmentKeys.nameKey("Ada LOVELACE")).isEqualTo("ada lovelace");
  }

  @Test
  void nameKey_keepsTheBeginningOfALongName_withoutSplittingASurrogatePair() {
    String name = "x".repeat(EnrollmentKeys.NAME_KEY_LENGTH - 1) + "\uD842\uDFB7 and more";

    String key = EnrollmentKeys.nameKey(name);

    assertThat(key).isEqualTo("x".repeat(EnrollmentKeys.NAME_KEY_LENGTH - 1));
  }

  @Test
  void nameKey_replacesAHalfSurrogateStandingAlone_andKeepsPairs() {
    assertThat(EnrollmentKeys.nameKey("A\uD800b\uD842\uDFB7c\uDC00"))
        .isEqualTo("a\uFFFDb\uD842\uDFB7c\uFFFD");
    assertThat(EnrollmentKeys.nameKey("\uDFB7\uD842")).isEqualTo("\uFFFD\uFFFD");
  }

  @Test
  void textOrder_isCodePointOrder_notUtf16Order() {
    // U+FF54 is a single UTF-16 unit above the surrogates; U+20BB7 is a pair starting at U+D842
    assertThat(EnrollmentKeys.TEXT_ORDER.compare("\uFF54", "\uD842\uDFB7")).isNegative();
    assertThat("\uFF54".compareTo("\uD842\uDFB7")).isPositive();
    assertThat(EnrollmentKeys.TEXT_ORDER.compare("ann", "ann\tlee")).isNegative();
  }
}
