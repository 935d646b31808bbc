package dev.nudge.benchmarks;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dispatch workload built the way a Java team builds it today on db-scheduler: one one-time
 * task per step, whose execution renders the email, sends it (a no-op), writes the step's state to
 * a table of its own and schedules the next step's task. Same database, same number of threads (2),
 * the same poll interval as Nudge's (1 s), db-scheduler's lock-and-fetch polling (its fastest on
 * PostgreSQL) and immediate execution of tasks scheduled for now.
 */
final class DbSchedulerDispatch {
  private DbSchedulerDispatch() {}

  private static final String TASKS_PG =
      """
      CREATE TABLE scheduled_tasks (
        task_name TEXT NOT NULL,
        task_instance TEXT NOT NULL,
        task_data BYTEA,
        execution_time TIMESTAMP WITH TIME ZONE NOT NULL,
        picked BOOLEAN NOT NULL,
        picked_by TEXT,
        last_success TIMESTAMP WITH TIME ZONE,
        last_failure TIMESTAMP WITH TIME ZONE,
        consecutive_failures INT,
        last_heartbeat TIMESTAMP WITH TIME ZONE,
        version BIGINT NOT NULL,
        priority SMALLINT,
        PRIMARY KEY (task_name, task_instance))
      """;
  private static final String TASKS_H2 =
      TASKS_PG.replace("TEXT", "VARCHAR(255)").replace("BYTEA", "BLOB");

  static double run(BenchDatabase database, int enrollments, int mailboxes, int steps)
      throws Exception {
    boolean h2 = database.name.startsWith("H2");
    try (Connection c = database.dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(h2 ? TASKS_H2 : TASKS_PG);
      s.execute("CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time)");
      s.execute("CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat)");
      s.execute(
          "CREATE INDEX priority_execution_time_idx ON scheduled_tasks"
              + " (priority DESC, execution_time ASC)");
      s.execute(
          "CREATE TABLE step_state (enrollment_id BIGINT NOT NULL, step INT NOT NULL,"
              + " mailbox INT NOT NULL, status VARCHAR(20) NOT NULL,"
              + " sent_at TIMESTAMP WITH TIME ZONE, PRIMARY KEY (enrollment_id, step))");
    }
    AtomicLong sent = new AtomicLong();
    OneTimeTask<String> task =
        Tasks.oneTime("send-step", String.class)
            .execute(
                (inst, ctx) -> {
                  String[] parts = inst.getData().split(":", -1);
                  long enrollment = Long.parseLong(parts[0]);
                  int step = Integer.parseInt(parts[1]);
                  String body =
                      String.format(
                          Locale.ROOT, "Hi %s, a role at Acme? (step %d)", "Candidate", step);
                  if (!body.isEmpty()) {
                    sent.incrementAndGet();
                  }
                  try (Connection c = database.dataSource.getConnection();
                      PreparedStatement ps =
                          c.prepareStatement(
                              "UPDATE step_state SET status = 'SENT', sent_at = ?"
                                  + " WHERE enrollment_id = ? AND step = ?")) {
                    ps.setTimestamp(1, Timestamp.from(Instant.now()));
                    ps.setLong(2, enrollment);
                    ps.setInt(3, step);
                    ps.executeUpdate();
                  } catch (SQLException e) {
                    throw new IllegalStateException(e);
                  }
                  if (step < steps) {
                    String next = enrollment + ":" + (step + 1);
                    ctx.getSchedulerClient()
                        .schedule(new TaskInstance<>("send-step", next, next), Instant.now());
                  }
                });
    long enrollStart = System.nanoTime();
    try (Connection c = database.dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO step_state (enrollment_id, step, mailbox, status) VALUES (?, ?, ?,"
                    + " 'PENDING')")) {
      c.setAutoCommit(false);
      for (long e = 0; e < enrollments; e++) {
        for (int s = 1; s <= steps; s++) {
          ps.setLong(1, e);
          ps.setInt(2, s);
          ps.setInt(3, (int) (e % mailboxes));
          ps.addBatch();
        }
        if (e % 1000 == 999) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
      c.commit();
    }
    Scheduler scheduler =
        Scheduler.create(database.dataSource, task)
            .threads(2)
            .pollingInterval(Duration.ofSeconds(1))
            .pollUsingLockAndFetch(0.5, 1.0)
            .enableImmediateExecution()
            .build();
    List<TaskInstance<?>> first = new ArrayList<>();
    for (long e = 0; e < enrollments; e++) {
      first.add(task.instance(e + ":1", e + ":1"));
      if (first.size() == 1000) {
        scheduler.scheduleBatch(first, Instant.now());
        first.clear();
      }
    }
    if (!first.isEmpty()) {
      scheduler.scheduleBatch(first, Instant.now());
    }
    long total = (long) enrollments * steps;
    System.out.printf(
        Locale.ROOT,
        "db-scheduler on %s: %,d enrollments with their first task in %.1f s; %,d steps%n",
        database.name,
        enrollments,
        (System.nanoTime() - enrollStart) / 1e9,
        total);
    long start = System.nanoTime();
    scheduler.start();
    long lastReport = start;
    while (sent.get() < total) {
      Thread.sleep(50);
      long now = System.nanoTime();
      if (now - lastReport > 10_000_000_000L) {
        lastReport = now;
        System.out.printf(
            Locale.ROOT,
            "  %,d of %,d sent after %.0f s%n",
            sent.get(),
            total,
            (now - start) / 1e9);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    scheduler.stop();
    double rate = total / seconds;
    System.out.printf(
        Locale.ROOT,
        "db-scheduler on %s: %,d steps in %.1f s = %,.0f steps/s%n",
        database.name,
        total,
        seconds,
        rate);
    return rate;
  }
}
