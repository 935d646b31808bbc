package dev.nudge.storetest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.spi.store.Checkpoints;
import org.junit.jupiter.api.Test;

/** Inbound poller checkpoints [S19]: named values changed by compare-and-set. */
abstract class CheckpointContract extends ContractSupport {
  private static final String KEY = "imap:inbox@acme.example:INBOX:lastUid";

  CheckpointContract(StoreContractTest suite) {
    super(suite);
  }

  private Checkpoints checkpoints() {
    return store.checkpoints();
  }

  @Test
  void absentKey_hasNoValue() {
    assertThat(checkpoints().get(KEY)).isEmpty();
  }

  @Test
  void nullExpected_storesTheValue_whenTheKeyIsAbsent() {
    assertThat(checkpoints().compareAndSet(KEY, null, "41")).isTrue();

    assertThat(checkpoints().get(KEY)).contains("41");
  }

  @Test
  void nullExpected_isRefused_whenTheKeyIsPresent() {
    checkpoints().compareAndSet(KEY, null, "41");

    assertThat(checkpoints().compareAndSet(KEY, null, "42")).isFalse();

    assertThat(checkpoints().get(KEY)).contains("41");
  }

  @Test
  void matchingExpected_replacesTheValue() {
    checkpoints().compareAndSet(KEY, null, "41");

    assertThat(checkpoints().compareAndSet(KEY, "41", "42")).isTrue();
    assertThat(checkpoints().compareAndSet(KEY, "42", "43")).isTrue();

    assertThat(checkpoints().get(KEY)).contains("43");
  }

  @Test
  void wrongExpected_isRefused_andKeepsTheValue() {
    checkpoints().compareAndSet(KEY, null, "41");

    assertThat(checkpoints().compareAndSet(KEY, "40", "42")).isFalse();

    assertThat(checkpoints().get(KEY)).contains("41");
  }

  @Test
  void expectedValue_isRefused_whenTheKeyIsAbsent() {
    assertThat(checkpoints().compareAndSet(KEY, "41", "42")).isFalse();

    assertThat(checkpoints().get(KEY)).isEmpty();
  }

  @Test
  void keys_areIndependent() {
    checkpoints().compareAndSet(KEY, null, "41");
    checkpoints().compareAndSet("imap:inbox@acme.example:INBOX:uidValidity", null, "7");

    assertThat(checkpoints().get(KEY)).contains("41");
    assertThat(checkpoints().get("imap:inbox@acme.example:INBOX:uidValidity")).contains("7");
  }
}
