#!/usr/bin/env bash
# How long PostgreSQL alone takes to insert enrollment rows, with no client in the way: the
# nudge_enrollment table of the shipped schema and each enrollment's row in
# nudge_enrollment_order, 3 x 100,000 of each from generate_series, then the same without the
# Candidates-tab and lookup indexes, and with the foreign key to the campaign the schema had
# before. Ids ascend, as the engine's time-ordered (version 7) ids do. Prints the time of each
# insert: the enrollment rows, then their order rows.
#   bash benchmarks/sql/enrollment-insert-floor.sh [psql connection options]
# (default: -h 127.0.0.1 -U postgres -d test). Works in a schema of its own, dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
conn=("$@")
[ ${#conn[@]} -eq 0 ] && conn=(-h 127.0.0.1 -U postgres -d test)
ddl=jdbc-store/src/main/resources/dev/nudge/jdbc/schema/postgresql/V1__nudge.sql
# the campaign and enrollment tables with their indexes, as shipped
tables=$(sed -n '/^CREATE TABLE nudge_campaign/,/^-- how many enrollments each/p' "$ddl")
insert="INSERT INTO nudge_enrollment SELECT lpad(to_hex(g), 32, '0')::uuid,
  '00000000-0000-0000-0000-000000000001', 'c' || g, 'c' || g || '@example.com', 'STARTED',
  now(), now(), NULL, NULL, 'PPPPP', 1,
  ('{\"candidate\":{\"id\":\"c' || g || '\",\"name\":\"Name ' || g || '\",\"email\":\"c' || g
   || '@example.com\"},\"steps\":[{\"n\":1,\"state\":\"SCHEDULED\"},{\"n\":2},{\"n\":3},{\"n\":4},{\"n\":5}]}')::json
  FROM generate_series(:lo, :hi) g;
INSERT INTO nudge_enrollment_order SELECT '00000000-0000-0000-0000-000000000001',
  lpad(to_hex(g), 32, '0')::uuid, 0, 1, md5((g * 7)::text)
  FROM generate_series(:lo, :hi) g;"
run() {
  local label=$1 schema=$2
  echo "$label"
  {
    echo '\timing on'
    echo 'DROP SCHEMA IF EXISTS nudge_floor CASCADE; CREATE SCHEMA nudge_floor; SET search_path = nudge_floor;'
    echo "$schema"
    echo "INSERT INTO nudge_campaign VALUES ('00000000-0000-0000-0000-000000000001', 'n', 'STARTED', 'm', now(), false, 1, '{}');"
    for lo in 1 100001 200001; do
      echo "\\echo 100,000 rows:"
      echo "$insert" | sed "s/:lo/$lo/g; s/:hi/$((lo + 99999))/g"
    done
    echo 'DROP SCHEMA nudge_floor CASCADE;'
  } | PGOPTIONS="-c client_min_messages=warning" psql "${conn[@]}" -q -v ON_ERROR_STOP=1 -f - \
    | grep -A2 '100,000 rows' | grep Time | paste -d ' ' - -
}
run "enrollment table as shipped:" "$tables"
run "without the Candidates-tab and lookup indexes:" \
  "$(echo "$tables" | sed '/^CREATE INDEX nudge_enrollment/,/;$/d')"
# the schema had this key until 2026-12-06
run "as shipped, with a foreign key to the campaign:" \
  "$tables
ALTER TABLE nudge_enrollment ADD FOREIGN KEY (campaign_id) REFERENCES nudge_campaign (id);"
