package dev.nudge.jdbc;

import dev.nudge.Campaign;
import dev.nudge.CampaignId;
import dev.nudge.CampaignStatus;
import dev.nudge.EmailAddress;
import dev.nudge.spi.store.CampaignRepository;
import dev.nudge.spi.store.ConflictException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@code nudge_campaign} table. */
final class JdbcCampaigns implements CampaignRepository {
  private static final String COLUMNS =
      "id, name, status, mailbox, created_at, sync_pending, version, definition";
  private static final String FIND = "SELECT " + COLUMNS + " FROM nudge_campaign WHERE id = ?";
  private static final String FIND_ALL =
      "SELECT " + COLUMNS + " FROM nudge_campaign ORDER BY created_at, id";
  private static final String FIND_SYNC_PENDING =
      "SELECT "
          + COLUMNS
          + " FROM nudge_campaign WHERE sync_pending = TRUE ORDER BY created_at, id";
  private static final String EXISTS = "SELECT version FROM nudge_campaign WHERE id = ?";

  private final Tx tx;
  private final Dialect dialect;
  private final String insert;
  private final String update;

  JdbcCampaigns(Tx tx, Dialect dialect) {
    this.tx = tx;
    this.dialect = dialect;
    this.insert =
        "INSERT INTO nudge_campaign (id, name, status, mailbox, created_at, sync_pending, version,"
            + " definition) VALUES (?, ?, ?, ?, ?, ?, ?, "
            + dialect.json()
            + ")";
    this.update =
        "UPDATE nudge_campaign SET name = ?, status = ?, mailbox = ?, sync_pending = ?,"
            + " version = ?, definition = "
            + dialect.json()
            + " WHERE id = ? AND version = ?";
  }

  @Override
  public Optional<Campaign> find(CampaignId id) {
    return tx.read(
        "read a campaign",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(FIND)) {
            dialect.setId(ps, 1, id.value());
            List<Campaign> found = list(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
          }
        });
  }

  @Override
  public List<Campaign> findAll() {
    return tx.read(
        "read campaigns",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(FIND_ALL)) {
            return list(ps);
          }
        });
  }

  @Override
  public List<Campaign> findSyncPending() {
    return tx.read(
        "read campaigns",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(FIND_SYNC_PENDING)) {
            return list(ps);
          }
        });
  }

  void insert(Connection c, Campaign campaign) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(insert)) {
      dialect.setId(ps, 1, campaign.id().value());
      ps.setString(2, campaign.name());
      ps.setString(3, campaign.status().name());
      ps.setString(4, campaign.mailbox().value());
      dialect.setInstant(ps, 5, campaign.createdAt());
      ps.setBoolean(6, campaign.syncPending());
      ps.setLong(7, campaign.version());
      ps.setString(8, Codec.definition(campaign));
      ps.executeUpdate();
    }
  }

  void update(Connection c, Campaign next) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(update)) {
      ps.setString(1, next.name());
      ps.setString(2, next.status().name());
      ps.setString(3, next.mailbox().value());
      ps.setBoolean(4, next.syncPending());
      ps.setLong(5, next.version());
      ps.setString(6, Codec.definition(next));
      dialect.setId(ps, 7, next.id().value());
      ps.setLong(8, next.version() - 1);
      if (ps.executeUpdate() == 1) {
        return;
      }
    }
    try (PreparedStatement ps = c.prepareStatement(EXISTS)) {
      dialect.setId(ps, 1, next.id().value());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new ConflictException(ConflictException.Kind.MISSING, "campaign " + next.id());
        }
        throw new ConflictException(
            ConflictException.Kind.VERSION,
            "campaign "
                + next.id()
                + " is at version "
                + rs.getLong(1)
                + ", the change expected "
                + (next.version() - 1));
      }
    }
  }

  private List<Campaign> list(PreparedStatement ps) throws SQLException {
    List<Campaign> campaigns = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        campaigns.add(
            Codec.campaign(
                new CampaignId(dialect.getId(rs, "id")),
                rs.getString("name"),
                new EmailAddress(rs.getString("mailbox")),
                CampaignStatus.valueOf(rs.getString("status")),
                Objects.requireNonNull(dialect.getInstant(rs, "created_at")),
                rs.getBoolean("sync_pending"),
                rs.getLong("version"),
                rs.getString("definition")));
      }
    }
    return campaigns;
  }
}
