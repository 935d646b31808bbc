-- Nudge schema, version 1, for PostgreSQL 13 and later.
-- Applied by JdbcStore's migrator (JdbcStore.builder(dataSource).migrateSchema(true)), or by the
-- host's own Flyway or Liquibase. Times are timestamptz; JSON columns hold what no query touches.
-- Columns that hold keys (ids, addresses in lower case, Message-IDs, sort keys) compare byte by
-- byte (COLLATE "C"), as core and MariaDB's binary collation do: a database's default collation
-- (en_US.UTF-8 and the like) orders them by its locale's rules, and pays for a call into the
-- locale at each comparison an index makes.

CREATE TABLE nudge_schema_version (
  version    INT PRIMARY KEY,
  applied_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE nudge_campaign (
  id           UUID PRIMARY KEY,
  name         VARCHAR(1000) NOT NULL,
  status       VARCHAR(20) NOT NULL,
  mailbox      VARCHAR(254) NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL,
  sync_pending BOOLEAN NOT NULL,
  version      BIGINT NOT NULL,
  definition   JSON NOT NULL,
  -- a small number for the campaign, under which nudge_due keeps the order by last activity
  seq          INT GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE INDEX nudge_campaign_sync_pending ON nudge_campaign (created_at, id) WHERE sync_pending;

-- no foreign key to nudge_campaign: the engine inserts enrollments only in a commit that holds a
-- share lock on their campaign's row and checks its version, the store refuses an enrollment
-- whose campaign is not stored, and campaigns are never deleted; the key only made the database
-- check the campaign again for every row inserted
CREATE TABLE nudge_enrollment (
  id               UUID PRIMARY KEY,
  campaign_id      UUID NOT NULL,
  candidate_id     VARCHAR(200) COLLATE "C" NOT NULL,
  primary_address  VARCHAR(254) COLLATE "C" NOT NULL,
  status           VARCHAR(20) NOT NULL,
  enrolled_at      TIMESTAMPTZ NOT NULL,
  last_activity_at TIMESTAMPTZ NOT NULL,
  task_owner       VARCHAR(1000) COLLATE "C",
  task_due_at      TIMESTAMPTZ,
  step_flags       VARCHAR(50) NOT NULL,
  version          BIGINT NOT NULL,
  data             JSON NOT NULL,
  -- candidate first: it also finds a candidate's enrollments in every campaign
  CONSTRAINT nudge_enrollment_candidate_once UNIQUE (candidate_id, campaign_id),
  CONSTRAINT nudge_enrollment_address_once UNIQUE (campaign_id, primary_address)
) WITH (fillfactor = 50, autovacuum_vacuum_scale_factor = 0.01);
-- every step rewrites its enrollment's row and its due row: autovacuum clears the old versions
-- once 1 % of the rows changed (the default waits for 20 %), so that index scans, the claim's and
-- the Candidates tab's, do not step over a day's worth of dead entries
-- the columns most updates change (version, data, last activity) are in no index: updates stay
-- on their page (HOT) without touching the indexes
CREATE INDEX nudge_enrollment_open_task
  ON nudge_enrollment (task_owner, task_due_at, id) WHERE task_owner IS NOT NULL;

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
  name_key      VARCHAR(200) COLLATE "C" NOT NULL,
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
  due_at        TIMESTAMPTZ,
  lease_owner   VARCHAR(100) COLLATE "C",
  lease_until   TIMESTAMPTZ,
  fence         BIGINT NOT NULL DEFAULT 0,
  -- the Candidates tab's order by last activity, kept here because these rows are rewritten by
  -- every step anyway: an index on the enrollment row would cost its in-place updates. The
  -- campaign is named by its number (nudge_campaign.seq), not its id: the index's entries are
  -- smaller, and a reader after a burst of sends walks fewer pages of the entries they left
  campaign_seq  INT NOT NULL,
  view_code     SMALLINT NOT NULL,
  last_activity_at TIMESTAMPTZ NOT NULL
) WITH (fillfactor = 40, autovacuum_vacuum_scale_factor = 0.01);
-- fillfactor 40: a batch claims rows that were written together and sit on the same pages, and
-- each page keeps room for the claim's new version of every row on it (at 70, 58 claims of a batch
-- of 100 left their page and added index entries)
-- what the claim reads: what is due, earliest first; it passes over the rows held under a live
-- lease (a batch in flight on each node), which it checks in the table.
-- The lease is in no index, so that a claim, a renewal and a release rewrite the row in place (HOT)
-- without a new entry in any index: an entry a claim added would be left behind by the step's
-- next write, at the front of the order by last activity, where a reader steps over it
CREATE INDEX nudge_due_claimable ON nudge_due (due_at) WHERE due_at IS NOT NULL;
-- fillfactor 100: within a campaign's view, entries mostly arrive at the end (an import's, then
-- each step's), where a full page is split as it fills; after a burst of sends the first page
-- oldest first walks the pages of the entries the sends left behind, fewer when full
CREATE INDEX nudge_due_by_last_activity
  ON nudge_due (campaign_seq, view_code, last_activity_at, enrollment_id) WITH (fillfactor = 100);

CREATE TABLE nudge_enrollment_address (
  address       VARCHAR(254) COLLATE "C" NOT NULL,
  enrollment_id UUID NOT NULL,
  PRIMARY KEY (address, enrollment_id)
);

CREATE TABLE nudge_message_id (
  message_id    VARCHAR(300) COLLATE "C" PRIMARY KEY,
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
  scope  VARCHAR(10) COLLATE "C" NOT NULL,
  entry  VARCHAR(254) COLLATE "C" NOT NULL,
  added_at TIMESTAMPTZ NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (scope, entry)
);

CREATE TABLE nudge_mailbox (
  address       VARCHAR(254) COLLATE "C" PRIMARY KEY,
  address_text  VARCHAR(254) NOT NULL,
  display_name  VARCHAR(1000) NOT NULL,
  time_zone     VARCHAR(100) NOT NULL,
  daily_cap     INT NOT NULL,
  minimum_gap   VARCHAR(40) NOT NULL,
  count_day     DATE,
  sent_on_day   INT NOT NULL,
  last_send     TIMESTAMPTZ,
  queued        INT NOT NULL,
  hold_kind     VARCHAR(20),
  hold_reason   TEXT,
  hold_since    TIMESTAMPTZ,
  hold_retry_at TIMESTAMPTZ,
  hold_failures INT,
  version       BIGINT NOT NULL
);

-- received mails, one row per Message-ID (or hash); written with the mail's effect
CREATE TABLE nudge_inbound (
  msg_key      VARCHAR(300) COLLATE "C" PRIMARY KEY,
  received_at  TIMESTAMPTZ NOT NULL,
  kind         VARCHAR(20) NOT NULL,
  outcome      VARCHAR(20) NOT NULL,
  enrollment_id UUID,
  step         INT,
  matched_by   VARCHAR(30),
  from_address VARCHAR(254),
  from_key     VARCHAR(254) COLLATE "C",
  detail       VARCHAR(1000) NOT NULL
);
CREATE INDEX nudge_inbound_recent ON nudge_inbound (received_at, msg_key);
-- an erased candidate's mails, found by sender (in lower case) or by enrollment
CREATE INDEX nudge_inbound_by_sender ON nudge_inbound (from_key);
CREATE INDEX nudge_inbound_by_enrollment ON nudge_inbound (enrollment_id);

CREATE TABLE nudge_checkpoint (
  name  VARCHAR(500) COLLATE "C" PRIMARY KEY,
  content TEXT NOT NULL
);

-- the schema records its own version, whether this file is applied by JdbcStore's migrator or by
-- the host's Flyway or Liquibase
INSERT INTO nudge_schema_version (version, applied_at) VALUES (1, CURRENT_TIMESTAMP);
