-- Nudge schema, version 1, for H2 2.x (the embedded default).
-- Applied by JdbcStore's migrator (JdbcStore.builder(dataSource).migrateSchema(true)), or by the
-- host's own Flyway or Liquibase. Times are TIMESTAMP WITH TIME ZONE; JSON columns hold what no query touches.

CREATE TABLE nudge_schema_version (
  version    INT PRIMARY KEY,
  applied_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

CREATE TABLE nudge_campaign (
  id           UUID PRIMARY KEY,
  name         VARCHAR(1000) NOT NULL,
  status       VARCHAR(20) NOT NULL,
  mailbox      VARCHAR(254) NOT NULL,
  created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  sync_pending BOOLEAN NOT NULL,
  version      BIGINT NOT NULL,
  definition   JSON NOT NULL,
  -- a small number for the campaign, under which nudge_due keeps the order by last activity
  seq          INT GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE INDEX nudge_campaign_sync_pending ON nudge_campaign (sync_pending, created_at, id);

-- no foreign key to nudge_campaign: the engine inserts enrollments only in a commit that locks
-- their campaign's row and checks its version, the store refuses an enrollment whose campaign is
-- not stored, and campaigns are never deleted; the key only made the database check the campaign
-- again for every row inserted
CREATE TABLE nudge_enrollment (
  id               UUID PRIMARY KEY,
  campaign_id      UUID NOT NULL,
  candidate_id     VARCHAR(200) NOT NULL,
  primary_address  VARCHAR(254) NOT NULL,
  status           VARCHAR(20) NOT NULL,
  enrolled_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  last_activity_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  task_owner       VARCHAR(1000),
  task_due_at      TIMESTAMP(6) WITH TIME ZONE,
  step_flags       VARCHAR(50) NOT NULL,
  version          BIGINT NOT NULL,
  data             JSON NOT NULL,
  -- candidate first: it also finds a candidate's enrollments in every campaign
  CONSTRAINT nudge_enrollment_candidate_once UNIQUE (candidate_id, campaign_id),
  CONSTRAINT nudge_enrollment_address_once UNIQUE (campaign_id, primary_address)
);
CREATE INDEX nudge_enrollment_open_task
  ON nudge_enrollment (task_owner, task_due_at, id);

-- the Candidates tab's orders by name and by status, and a campaign's enrollments by id: the keys
-- core computed, in a narrow row of their own that changes only with the enrollment's status or
-- name. Every step rewrites the enrollment row; a page read here, on these indexes, does not visit
-- the rows the runner has just rewritten (on PostgreSQL, once a vacuum has marked the pages
-- all-visible, it reads the index alone)
CREATE TABLE nudge_enrollment_order (
  campaign_id   UUID NOT NULL,
  enrollment_id UUID NOT NULL,
  view_code     SMALLINT NOT NULL,
  status_rank   SMALLINT NOT NULL,
  -- UTF-8 bytes: compared byte by byte (code point order)
  name_key      VARBINARY(800) NOT NULL,
  PRIMARY KEY (campaign_id, enrollment_id)
);
CREATE INDEX nudge_enrollment_by_name
  ON nudge_enrollment_order (campaign_id, view_code, name_key, enrollment_id);
CREATE INDEX nudge_enrollment_by_status
  ON nudge_enrollment_order (campaign_id, view_code, status_rank, name_key, enrollment_id);

-- how many enrollments each Candidates-tab view of a campaign holds, in a few shards that
-- commits add to (each commit adds to one shard), so that a page's total is a sum of a few rows
-- and concurrent commits rarely wait on one counter
CREATE TABLE nudge_view_count (
  campaign_id UUID NOT NULL,
  view_code   SMALLINT NOT NULL,
  shard       SMALLINT NOT NULL,
  n           BIGINT NOT NULL,
  PRIMARY KEY (campaign_id, view_code, shard)
);

-- when each enrollment next needs an engine, and who holds it: the narrow table claims read and
-- write, apart from the wide enrollment rows
CREATE TABLE nudge_due (
  enrollment_id UUID PRIMARY KEY,
  due_at        TIMESTAMP(6) WITH TIME ZONE,
  lease_owner   VARCHAR(100),
  lease_until   TIMESTAMP(6) WITH TIME ZONE,
  fence         BIGINT NOT NULL DEFAULT 0,
  -- the Candidates tab's order by last activity, kept here because these rows are rewritten by
  -- every step anyway: an index on the enrollment row would cost its in-place updates. The
  -- campaign is named by its number (nudge_campaign.seq), not its id: the index's entries are
  -- smaller, and a reader after a burst of sends walks fewer pages of the entries they left
  campaign_seq  INT NOT NULL,
  view_code     SMALLINT NOT NULL,
  last_activity_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  -- when an engine may take it: once it is due and no live lease holds it (the later of its due
  -- time and the end of its lease); never while nothing is due, as on PostgreSQL
  claimable_at  TIMESTAMP(6) WITH TIME ZONE GENERATED ALWAYS AS
    (CASE WHEN due_at IS NULL THEN NULL ELSE GREATEST(due_at, COALESCE(lease_until, due_at)) END)
);
-- exactly what the claim reads: what may be taken now, earliest first; held rows are out of
-- its range until their lease ends
CREATE INDEX nudge_due_claimable ON nudge_due (claimable_at);
CREATE INDEX nudge_due_by_last_activity
  ON nudge_due (campaign_seq, view_code, last_activity_at, enrollment_id);

CREATE TABLE nudge_enrollment_address (
  address       VARCHAR(254) NOT NULL,
  enrollment_id UUID NOT NULL,
  PRIMARY KEY (address, enrollment_id)
);

CREATE TABLE nudge_message_id (
  message_id    VARCHAR(300) PRIMARY KEY,
  enrollment_id UUID NOT NULL
);

CREATE TABLE nudge_activity (
  seq           BIGINT GENERATED BY DEFAULT AS IDENTITY,
  enrollment_id UUID NOT NULL,
  campaign_id   UUID NOT NULL,
  -- the events one commit appended for the enrollment, in their order: time, type, step,
  -- from and to states, detail
  events        JSON NOT NULL,
  -- read only by enrollment, in commit order: one index serves that and keeps rows unique
  CONSTRAINT nudge_activity_pk PRIMARY KEY (enrollment_id, seq)
);

CREATE TABLE nudge_suppression (
  scope  VARCHAR(10) NOT NULL,
  entry  VARCHAR(254) NOT NULL,
  added_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  reason CHARACTER VARYING NOT NULL,
  PRIMARY KEY (scope, entry)
);

CREATE TABLE nudge_mailbox (
  address       VARCHAR(254) PRIMARY KEY,
  address_text  VARCHAR(254) NOT NULL,
  display_name  VARCHAR(1000) NOT NULL,
  time_zone     VARCHAR(100) NOT NULL,
  daily_cap     INT NOT NULL,
  minimum_gap   VARCHAR(40) NOT NULL,
  count_day     DATE,
  sent_on_day   INT NOT NULL,
  last_send     TIMESTAMP(6) WITH TIME ZONE,
  queued        INT NOT NULL,
  hold_kind     VARCHAR(20),
  hold_reason   CHARACTER VARYING,
  hold_since    TIMESTAMP(6) WITH TIME ZONE,
  hold_retry_at TIMESTAMP(6) WITH TIME ZONE,
  hold_failures INT,
  version       BIGINT NOT NULL
);

-- received mails, one row per Message-ID (or hash); written with the mail's effect
CREATE TABLE nudge_inbound (
  msg_key      VARCHAR(300) PRIMARY KEY,
  received_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  kind         VARCHAR(20) NOT NULL,
  outcome      VARCHAR(20) NOT NULL,
  enrollment_id UUID,
  step         INT,
  matched_by   VARCHAR(30),
  from_address VARCHAR(254),
  from_key     VARCHAR(254),
  detail       VARCHAR(1000) NOT NULL
);
CREATE INDEX nudge_inbound_recent ON nudge_inbound (received_at, msg_key);
-- an erased candidate's mails, found by sender (in lower case) or by enrollment
CREATE INDEX nudge_inbound_by_sender ON nudge_inbound (from_key);
CREATE INDEX nudge_inbound_by_enrollment ON nudge_inbound (enrollment_id);

CREATE TABLE nudge_checkpoint (
  name  VARCHAR(500) PRIMARY KEY,
  content CHARACTER VARYING NOT NULL
);

-- the schema records its own version, whether this file is applied by JdbcStore's migrator or by
-- the host's Flyway or Liquibase
INSERT INTO nudge_schema_version (version, applied_at) VALUES (1, CURRENT_TIMESTAMP);
