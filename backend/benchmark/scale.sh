#!/usr/bin/env bash
# The scale benchmark (issue 9): does a page cost the same among 1,000 tasks as among 100,000?
#
# 1. starts the packaged hub as hub.sh does (embedded PostgreSQL in a throw-away folder, the
#    project's Keycloak, the demo data);
# 2. loads, with set-based SQL, one plan per size in SIZES (all in the same database, so every
#    plan is read among all the others' rows): 10 workstreams, SIZE tasks (every 10th RESERVED,
#    four statuses, due dates over 1,000 days, a tenth without one), a resource per task, an
#    audit trail of 10 entries per task, and the change events the tasks and resources write
#    (their triggers run as in production); then VACUUM ANALYZE, as autovacuum would;
# 3. after WARMUP_SECONDS of every read of every plan in turn (for the JIT to settle), times each
#    read one request at a time as civil society (ROLE), ROUNDS times after as many unmeasured ones (backend/src/test/java/org/crmhub/benchmark/ScaleReads.java), and prints the
#    median and p95 per read and size, and the largest plan's median over the smallest's.
#
# Not run by .ci/run. Needs curl, psql (Debian: postgresql-client), Java 17.
#   usage: backend/benchmark/scale.sh
#   settings (environment): SIZES ("1000 10000 100000"; add 1000000 for the optional million, which
#     takes about ten minutes to load), ROUNDS (30), WARMUP_SECONDS (30), ROLE (civil-society), HUB_BENCH_PORT (18080),
#     HUB_BENCH_KEYCLOAK_PORT (18180)
set -euo pipefail
cd "$(dirname "$0")/../.."
for tool in curl psql; do
  command -v "$tool" > /dev/null || { echo "scale.sh needs $tool" >&2; exit 1; }
done
SIZES=${SIZES:-1000 10000 100000}
ROUNDS=${ROUNDS:-30}
ROLE=${ROLE:-civil-society}

. backend/benchmark/hub.sh
PG_PORT=$(sed -nE 's/.*embedded PostgreSQL at 127\.0\.0\.1:([0-9]+).*/\1/p' "$DATA/hub.log" | head -1)
[ -n "$PG_PORT" ] || { echo "no embedded PostgreSQL port in the hub's log" >&2; exit 1; }
PSQL="psql -q -X -h 127.0.0.1 -p $PG_PORT -U postgres -d postgres -v ON_ERROR_STOP=1"

global_id() { printf '%s:%s' "$1" "$2" | base64 -w0 | tr '+/' '-_' | tr -d '='; }
PLANS=()
for size in $SIZES; do
  plan=$(printf 'e0000000-0000-4000-8000-%012d' "$size")
  start=$(date +%s)
  $PSQL <<SQL
INSERT INTO work_plan (id, title, cycle, status, created_by) VALUES ('$plan', 'Plan of $size tasks', 2100, 'ADOPTED', 'bench');
INSERT INTO workstream (work_plan_id, title, lead, created_by, created_at)
  SELECT '$plan', 'Line ' || w, 'PPT', 'bench', TIMESTAMPTZ '2030-01-01 00:00Z' + w * INTERVAL '1 hour'
  FROM generate_series(1, 10) w;
INSERT INTO task (workstream_id, work_plan_id, title, kind, status, responsible, due_date, visibility, created_by, created_at)
  SELECT w.id, '$plan', 'Task ' || n, 'ACTION', (ARRAY['PLANNED', 'IN_PROGRESS', 'DONE', 'BLOCKED'])[n % 4 + 1], 'PPT',
         CASE WHEN n % 11 = 0 THEN NULL ELSE DATE '2030-01-01' + (n * 37) % 1000 END,
         CASE WHEN n % 10 = 0 THEN 'RESERVED' ELSE 'OPEN' END, 'bench',
         TIMESTAMPTZ '2030-01-01 00:00Z' + n * INTERVAL '1 second'
  FROM generate_series(1, $size) n
  JOIN workstream w ON w.work_plan_id = '$plan' AND w.title = 'Line ' || (n % 10 + 1);
INSERT INTO resource (work_plan_id, task_id, kind, status, description, amount, currency, created_by, created_at)
  SELECT '$plan', t.id, 'FUNDING', 'PLEDGED', 'Support for ' || t.title, 100 + length(t.title) * 10.5, 'USD', 'bench', t.created_at
  FROM task t WHERE t.work_plan_id = '$plan';
-- the audit trail as the hub writes it, without its per-row trigger (reserved is the task's, as the trigger would set)
SET session_replication_role = replica;
INSERT INTO audit_entry (subject_type, subject_id, action, actor, at, changes, reserved)
  SELECT 'task', t.id, CASE WHEN e = 1 THEN 'CREATED' ELSE 'UPDATED' END, 'bench', t.created_at + e * INTERVAL '1 minute',
         '[{"field": "progress", "before": 0, "after": 10}]', t.reserved
  FROM task t, generate_series(1, 10) e WHERE t.work_plan_id = '$plan';
SQL
  task=$($PSQL -At -c "SELECT id FROM task WHERE work_plan_id = '$plan' AND NOT reserved ORDER BY created_at LIMIT 1 OFFSET 7")
  echo "loaded the plan of $size tasks in $(( $(date +%s) - start )) s"
  PLANS+=("$size:$(global_id WorkPlan "$plan"):$(global_id Task "$task")")
done
start=$(date +%s)
$PSQL -c 'VACUUM ANALYZE'
echo "VACUUM ANALYZE in $(( $(date +%s) - start )) s; rows: $($PSQL -At -c "SELECT (SELECT count(*) FROM task) || ' tasks, ' || (SELECT count(*) FROM resource) || ' resources, ' || (SELECT count(*) FROM audit_entry) || ' audit entries, ' || (SELECT count(*) FROM change_event) || ' change events'")"
echo "reading as $ROLE, $ROUNDS timed requests per read and size; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -Dwarmup="${WARMUP_SECONDS:-30}" -cp "$CLASSPATH" org.crmhub.benchmark.ScaleReads "$HUB" "$(token "$ROLE")" "$ROUNDS" "${PLANS[@]}"
