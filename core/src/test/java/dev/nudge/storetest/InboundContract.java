package dev.nudge.storetest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.Campaign;
import dev.nudge.EmailAddress;
import dev.nudge.Enrollment;
import dev.nudge.InboundEntry;
import dev.nudge.InvalidInputException;
import dev.nudge.MatchMethod;
import dev.nudge.StepRef;
import dev.nudge.Suppression;
import dev.nudge.spi.store.Changes;
import dev.nudge.spi.store.ConflictException;
import dev.nudge.testkit.StoreData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The log of received mails [S20]: one entry per key, written in the same commit as the mail's
 * effect, so that a mail handed over twice has its effect once.
 */
abstract class InboundContract extends ContractSupport {
  private final Instant at = StoreData.now();

  InboundContract(StoreContractTest suite) {
    super(suite);
  }

  private InboundEntry entry(String key, Instant receivedAt) {
    return new InboundEntry(
        key,
        receivedAt,
        InboundEntry.Kind.UNRELATED,
        InboundEntry.Outcome.NOTED,
        null,
        null,
        null,
        "a newsletter");
  }

  @Test
  void anEntry_isFoundUnderItsKey_withEveryComponent() {
    Campaign c = storedCampaign("Backend");
    Enrollment e = insert(StoreData.enrollment(c, StoreData.candidate("Ada Lovelace")).build());
    InboundEntry reply =
        new InboundEntry(
            "<reply-1@mail.example>",
            at,
            InboundEntry.Kind.REPLY,
            InboundEntry.Outcome.RECORDED,
            new StepRef(e.id(), 2),
            MatchMethod.IN_THREAD,
            EmailAddress.of("Ada.Lovelace@Example.com"),
            "");
    InboundEntry bounce =
        new InboundEntry(
            "sha256:" + "ab".repeat(32),
            at.plusMillis(1),
            InboundEntry.Kind.BOUNCE,
            InboundEntry.Outcome.UNMATCHED,
            null,
            null,
            null,
            "hard 5.1.1 invalid address — Zustellung fehlgeschlagen");

    commit(changes().inbound(reply).inbound(bounce));

    assertThat(store.inbound().find("<reply-1@mail.example>")).contains(reply);
    assertThat(store.inbound().find(bounce.key())).contains(bounce);
    assertThat(store.inbound().find("<other@mail.example>")).isEmpty();
  }

  @Test
  void keysAndDetails_ofTheLongestAllowedLength_areKeptWhole() {
    String key = "<" + "k".repeat(InboundEntry.MAX_KEY - 15) + "@mail.example>";
    InboundEntry long_ =
        new InboundEntry(
            key,
            at,
            InboundEntry.Kind.UNREADABLE,
            InboundEntry.Outcome.NOTED,
            null,
            null,
            null,
            "é".repeat(InboundEntry.MAX_DETAIL));

    commit(changes().inbound(long_));

    assertThat(store.inbound().find(key)).contains(long_);
  }

  @Test
  void aKeyLoggedBefore_refusesTheWholeCommit() {
    commit(changes().inbound(entry("<m-1@mail.example>", at)));
    EmailAddress address = EmailAddress.of("ada@example.com");

    assertConflict(
        ConflictException.Kind.DUPLICATE,
        () ->
            commit(
                changes()
                    .suppress(Suppression.ofAddress(address, at, "unsubscribed by mail"))
                    .inbound(entry("<m-1@mail.example>", at.plusSeconds(5)))));

    assertThat(store.suppressions().find(address)).isEmpty();
    assertThat(store.inbound().find("<m-1@mail.example>").orElseThrow().receivedAt()).isEqualTo(at);
  }

  @Test
  void oneKeyTwiceInOneCommit_isRefused() {
    assertConflict(
        ConflictException.Kind.DUPLICATE,
        () ->
            commit(
                changes()
                    .inbound(entry("<m-1@mail.example>", at))
                    .inbound(entry("<m-1@mail.example>", at.plusSeconds(1)))));

    assertThat(store.inbound().find("<m-1@mail.example>")).isEmpty();
  }

  @Test
  void anEntry_andTheEnrollmentChangeOfItsCommit_landTogether() {
    Campaign c = storedCampaign("Backend");
    Enrollment e = insert(StoreData.enrollment(c, StoreData.candidate("Ada Lovelace")).build());
    Enrollment stale = StoreData.next(e).build();
    update(stale);

    assertConflict(
        ConflictException.Kind.VERSION,
        () ->
            commit(
                changes()
                    .update(StoreData.next(e).build())
                    .inbound(entry("<m-2@mail.example>", at))));

    assertThat(store.inbound().find("<m-2@mail.example>")).isEmpty();
  }

  @Test
  void recent_listsTheNewestFirst_upToTheLimit() {
    for (int i = 0; i < 5; i++) {
      commit(
          changes().inbound(entry("<m-" + i + "@mail.example>", at.plus(Duration.ofMinutes(i)))));
    }

    assertThat(store.inbound().recent(3))
        .extracting(InboundEntry::key)
        .containsExactly("<m-4@mail.example>", "<m-3@mail.example>", "<m-2@mail.example>");
    assertThat(store.inbound().recent(100)).hasSize(5);
    assertThatThrownBy(() -> store.inbound().recent(0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void forget_clearsTheSenderAndDetail_ofAnErasedCandidatesMails_andKeepsTheKeys() {
    Campaign c = storedCampaign("Backend");
    Enrollment ada = insert(StoreData.enrollment(c, StoreData.candidate("Ada Lovelace")).build());
    InboundEntry matched =
        new InboundEntry(
            "<reply-1@mail.example>",
            at,
            InboundEntry.Kind.REPLY,
            InboundEntry.Outcome.RECORDED,
            new StepRef(ada.id(), 1),
            MatchMethod.IN_THREAD,
            EmailAddress.of("ada@private.example"),
            "reply from her other address");
    InboundEntry unmatched = sentBy("<m-2@mail.example>", "Ada.Lovelace@Example.com", 1);
    InboundEntry someoneElse = sentBy("<m-3@mail.example>", "alan@example.com", 2);
    commit(changes().inbound(matched).inbound(unmatched).inbound(someoneElse));

    int cleared =
        store
            .inbound()
            .forget(List.of(EmailAddress.of("ada.lovelace@example.com")), List.of(ada.id()));

    assertThat(cleared).isEqualTo(2);
    for (String key : new String[] {matched.key(), unmatched.key()}) {
      InboundEntry e = store.inbound().find(key).orElseThrow();
      assertThat(e.from()).isNull();
      assertThat(e.detail()).isEmpty();
      assertThat(e.receivedAt()).isIn(at, at.plusSeconds(1));
    }
    assertThat(store.inbound().find(matched.key()).orElseThrow().step()).isEqualTo(matched.step());
    assertThat(store.inbound().find(someoneElse.key())).contains(someoneElse);
    assertConflict(ConflictException.Kind.DUPLICATE, () -> commit(changes().inbound(matched)));
  }

  @Test
  void twoErasuresAtOnce_ofCandidatesWhoseMailsWereMatchedToEachOther_bothComplete()
      throws Exception {
    // Ada wrote from Alan's enrollment's thread and Alan from Ada's: each erasure clears mails by
    // sender and by enrollment, so each reaches rows the other also clears; a store that locks
    // them in the order it finds them would have each erasure wait for the other (on MariaDB a
    // table this small is read whole by either erasure, which makes them take turns anyway)
    Campaign c = storedCampaign("Backend");
    Enrollment ada = insert(StoreData.enrollment(c, StoreData.candidate("Ada Lovelace")).build());
    Enrollment alan = insert(StoreData.enrollment(c, StoreData.candidate("Alan Turing")).build());
    EmailAddress adaFrom = EmailAddress.of("ada@private.example");
    EmailAddress alanFrom = EmailAddress.of("alan@private.example");
    int rounds = 10;
    int perSide = 100;
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int r = 0; r < rounds; r++) {
        List<InboundEntry> crossed = new ArrayList<>();
        for (int i = 0; i < perSide; i++) {
          crossed.add(matched("<a-" + r + "-" + i + "@mail.example>", adaFrom, alan));
          crossed.add(matched("<b-" + r + "-" + i + "@mail.example>", alanFrom, ada));
        }
        Changes.Builder batch = changes();
        crossed.forEach(batch::inbound);
        commit(batch);

        List<Future<Integer>> erasures = new ArrayList<>();
        for (Enrollment who : List.of(ada, alan)) {
          EmailAddress from = who.equals(ada) ? adaFrom : alanFrom;
          erasures.add(
              pool.submit(
                  () -> {
                    start.await(30, TimeUnit.SECONDS);
                    return store.inbound().forget(List.of(from), List.of(who.id()));
                  }));
        }
        int cleared = 0;
        for (Future<Integer> f : erasures) {
          cleared += f.get(120, TimeUnit.SECONDS);
        }

        assertThat(cleared).as("round %d", r).isEqualTo(crossed.size());
        for (InboundEntry e : crossed) {
          InboundEntry stored = store.inbound().find(e.key()).orElseThrow();
          assertThat(stored.from()).as("%s", e.key()).isNull();
          assertThat(stored.detail()).as("%s", e.key()).isEmpty();
          assertThat(stored.step()).as("%s", e.key()).isEqualTo(e.step());
        }
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  private InboundEntry matched(String key, EmailAddress from, Enrollment to) {
    return new InboundEntry(
        key,
        at,
        InboundEntry.Kind.REPLY,
        InboundEntry.Outcome.RECORDED,
        new StepRef(to.id(), 1),
        MatchMethod.IN_THREAD,
        from,
        "a reply");
  }

  private InboundEntry sentBy(String key, String from, int seconds) {
    return new InboundEntry(
        key,
        at.plusSeconds(seconds),
        InboundEntry.Kind.UNRELATED,
        InboundEntry.Outcome.NOTED,
        null,
        null,
        EmailAddress.of(from),
        "an unrelated mail");
  }
}
