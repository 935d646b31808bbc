package dev.nudge.storetest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.EmailAddress;
import dev.nudge.Suppression;
import dev.nudge.spi.store.Changes;
import dev.nudge.spi.store.SuppressionList;
import dev.nudge.testkit.StoreData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The suppression list [S12]: entries for one address or a whole domain. */
abstract class SuppressionContract extends ContractSupport {
  private Instant t;

  SuppressionContract(StoreContractTest suite) {
    super(suite);
  }

  @BeforeEach
  final void now() {
    t = StoreData.now().minusSeconds(3600);
  }

  private SuppressionList list() {
    return store.suppressions();
  }

  private Suppression address(String address, int minute, String reason) {
    return Suppression.ofAddress(EmailAddress.of(address), t.plusSeconds(60L * minute), reason);
  }

  private Suppression domain(String anyAddress, int minute, String reason) {
    return Suppression.ofDomain(EmailAddress.of(anyAddress), t.plusSeconds(60L * minute), reason);
  }

  @Test
  void addedAddress_isFoundIgnoringCase() {
    Suppression bob = address("Bob.Smith@Example.com", 0, "unsubscribed");

    commit(changes().suppress(bob));

    assertThat(list().find(EmailAddress.of("BOB.SMITH@example.COM"))).contains(bob);
    assertThat(list().find(EmailAddress.of("bob.smith@example.com"))).contains(bob);
    assertThat(bob.value()).isEqualTo("bob.smith@example.com");
  }

  @Test
  void addressEntry_doesNotSuppressOtherAddressesOfTheDomain() {
    commit(changes().suppress(address("bob@example.com", 0, "unsubscribed")));

    assertThat(list().find(EmailAddress.of("alice@example.com"))).isEmpty();
  }

  @Test
  void domainEntry_suppressesEveryAddressOfTheDomain() {
    Suppression spam = domain("anyone@Spam.example", 0, "complaint");

    commit(changes().suppress(spam));

    assertThat(list().find(EmailAddress.of("alice@spam.example"))).contains(spam);
    assertThat(list().find(EmailAddress.of("Bob@SPAM.example"))).contains(spam);
    assertThat(list().find(EmailAddress.of("alice@example.com"))).isEmpty();
  }

  @Test
  void aLookupOfTensOfThousandsOfAddresses_findsTheSuppressedOnes() {
    // one import looks up every candidate's address and domain at once: here more values than
    // one SQL statement may bind (65,535 on PostgreSQL)
    Suppression bob = address("u12345@d12345.example", 0, "unsubscribed");
    Suppression spam = domain("x@d34567.example", 1, "complaint");
    commit(changes().suppress(bob).suppress(spam));
    List<EmailAddress> many = new ArrayList<>();
    for (int i = 0; i < 40_000; i++) {
      many.add(EmailAddress.of("u" + i + "@d" + i + ".example"));
    }

    assertThat(list().find(many)).containsExactlyInAnyOrder(bob, spam);
  }

  @Test
  void emptyList_suppressesNothing() {
    assertThat(list().find(EmailAddress.of("alice@example.com"))).isEmpty();
    assertThat(list().findAll()).isEmpty();
  }

  @Test
  void findAll_listsEntriesOldestFirst() {
    Suppression second = domain("x@spam.example", 2, "host");
    Suppression first = address("bob@example.com", 1, "unsubscribed");
    Suppression third = address("carol@example.com", 3, "complaint");

    commit(changes().suppress(second).suppress(third));
    commit(changes().suppress(first));

    assertThat(list().findAll()).containsExactly(first, second, third);
  }

  @Test
  void remove_deletesTheEntry_andSaysWhetherThereWasOne() {
    Suppression bob = address("bob@example.com", 0, "unsubscribed");
    Suppression spam = domain("x@spam.example", 1, "complaint");
    commit(changes().suppress(bob).suppress(spam));

    assertThat(list().remove(Suppression.Scope.ADDRESS, "bob@example.com")).isTrue();
    assertThat(list().remove(Suppression.Scope.ADDRESS, "bob@example.com")).isFalse();
    assertThat(list().remove(Suppression.Scope.DOMAIN, "example.com")).isFalse();

    assertThat(list().find(EmailAddress.of("bob@example.com"))).isEmpty();
    assertThat(list().findAll()).containsExactly(spam);
    assertThat(list().remove(Suppression.Scope.DOMAIN, "spam.example")).isTrue();
    assertThat(list().findAll()).isEmpty();
  }

  @Test
  void addingAnEqualEntryTwice_keepsOne() {
    Suppression bob = address("bob@example.com", 0, "unsubscribed");

    commit(changes().suppress(bob));
    commit(changes().suppress(bob));

    assertThat(list().findAll()).containsExactly(bob);
  }

  @Test
  void twoCommitsAddingTheSameEntriesAtOnce_inOppositeOrders_bothHold_andKeepOneOfEach()
      throws Exception {
    // two imports of one suppression list at the same moment: a store that inserts rows in the
    // order given can have each commit wait for rows the other holds
    List<Suppression> entries = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      entries.add(address("person" + i + "@example.com", 0, "imported"));
    }
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> commits = new ArrayList<>();
      for (boolean reversed : new boolean[] {false, true}) {
        Changes.Builder b = changes();
        for (int i = 0; i < entries.size(); i++) {
          b.suppress(entries.get(reversed ? entries.size() - 1 - i : i));
        }
        Changes changes = b.build();
        commits.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  store.commit(changes);
                  return null;
                }));
      }
      for (Future<?> f : commits) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(list().findAll()).containsExactlyInAnyOrderElementsOf(entries);
  }

  @Test
  void equalEntriesInOneCommit_keepOne() {
    Suppression bob = address("bob@example.com", 0, "unsubscribed");

    commit(changes().suppress(bob).suppress(bob));

    assertThat(list().findAll()).containsExactly(bob);
  }

  @Test
  void addingAnAddressAlreadyListed_keepsTheExistingEntry() {
    Suppression unsubscribed = address("bob@example.com", 0, "unsubscribed");
    Suppression complaint = address("BOB@example.com", 5, "complaint");

    commit(changes().suppress(unsubscribed));
    commit(changes().suppress(complaint));

    assertThat(list().findAll()).containsExactly(unsubscribed);
  }

  @Test
  void addressAndDomainEntries_areSeparateEntries() {
    Suppression bob = address("bob@example.com", 0, "unsubscribed");
    Suppression wholeDomain = domain("bob@example.com", 1, "host");

    commit(changes().suppress(bob).suppress(wholeDomain));

    assertThat(list().findAll()).containsExactly(bob, wholeDomain);
    assertThat(list().find(EmailAddress.of("alice@example.com"))).contains(wholeDomain);
    assertThat(list().remove(Suppression.Scope.DOMAIN, "example.com")).isTrue();
    assertThat(list().find(EmailAddress.of("alice@example.com"))).isEmpty();
    assertThat(list().find(EmailAddress.of("bob@example.com"))).contains(bob);
  }
}
