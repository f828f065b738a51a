#!/usr/bin/env bash
# The read benchmark: the nested read of a whole work plan (10 workstreams x 50 tasks x 2
# resources) as a civil-society user through the hub, side by side with one hand-written SQL
# statement that returns the same JSON, run by pgbench against the same database in the same run.
# Needs pgbench and psql (Debian: postgresql-client). Prints both throughputs and their ratio.
#   usage: backend/benchmark/read.sh [seconds] [concurrency]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-20}; CONCURRENCY=${2:-4}
command -v pgbench > /dev/null && command -v psql > /dev/null || { echo "needs pgbench and psql" >&2; exit 2; }
. backend/benchmark/hub.sh
PG_PORT=$(sed -nE 's/.*embedded PostgreSQL at 127\.0\.0\.1:([0-9]+).*/\1/p' "$DATA/hub.log" | head -1)

# the work plan: 10 workstreams x 50 tasks x 2 resources, all OPEN, plus reserved items around it
PLAN=b0000000-0000-4000-8000-000000000001
psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 <<SQL
INSERT INTO work_plan (id, title, cycle, status, created_by) VALUES ('$PLAN', 'Benchmark plan', 2030, 'ADOPTED', 'bench');
INSERT INTO workstream (work_plan_id, title, lead, created_by)
  SELECT '$PLAN', 'Line ' || w, 'PPT', 'bench' FROM generate_series(1, 10) w;
INSERT INTO workstream (work_plan_id, title, lead, visibility, created_by) VALUES ('$PLAN', 'Reserved line', 'PPT', 'RESERVED', 'bench');
INSERT INTO task (workstream_id, work_plan_id, title, kind, status, responsible, due_date, created_by)
  SELECT w.id, '$PLAN', w.title || ' task ' || n, 'ACTION', 'PLANNED', 'PPT', DATE '2030-01-01' + n, 'bench'
  FROM workstream w, generate_series(1, 50) n WHERE w.work_plan_id = '$PLAN' AND w.visibility = 'OPEN';
INSERT INTO resource (work_plan_id, task_id, kind, status, description, amount, currency, created_by)
  SELECT '$PLAN', t.id, 'FUNDING', 'PLEDGED', t.title || ' resource ' || n, 1000.50 * n, 'USD', 'bench'
  FROM task t, generate_series(1, 2) n WHERE t.work_plan_id = '$PLAN';
ANALYZE;
SQL
GLOBAL_PLAN=$(printf 'WorkPlan:%s' "$PLAN" | base64 | tr '+/' '-_' | tr -d '=')

QUERY='{ workPlan(id: \"'$GLOBAL_PLAN'\") { title workstreams(first: 10) { edges { node { title tasks(first: 50) { edges { node { title status dueDate resources { description amount { amount currency } } } } } } } } } }'
echo "{\"query\":\"$QUERY\"}" > "$DATA/query.json"
cat > "$DATA/read.sql" <<SQL
SELECT json_build_object('data', json_build_object('workPlan', json_build_object('title', p.title, 'workstreams',
  json_build_object('edges', (SELECT coalesce(json_agg(json_build_object('node', json_build_object('title', w.title, 'tasks',
    json_build_object('edges', (SELECT coalesce(json_agg(json_build_object('node', json_build_object('title', t.title,
      'status', t.status, 'dueDate', t.due_date, 'resources', (SELECT coalesce(json_agg(json_build_object(
        'description', r.description, 'amount', CASE WHEN r.amount IS NULL THEN NULL
        ELSE json_build_object('amount', r.amount::text, 'currency', r.currency) END) ORDER BY r.created_at, r.id), '[]')
      FROM resource r WHERE r.task_id = t.id AND NOT r.reserved))) ORDER BY t.created_at, t.id), '[]')
    FROM (SELECT * FROM task t WHERE t.workstream_id = w.id AND NOT t.reserved ORDER BY t.created_at, t.id LIMIT 50) t))))
    ORDER BY w.created_at, w.id), '[]')
  FROM (SELECT * FROM workstream w WHERE w.work_plan_id = p.id AND NOT w.reserved ORDER BY w.created_at, w.id LIMIT 10) w)))))
FROM work_plan p WHERE p.id = '$PLAN' AND NOT p.reserved;
SQL
TOKEN=$(token civil-society)

echo "same answer size: hub $(curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d @"$DATA/query.json" "$HUB/graphql" | wc -c) bytes, SQL $(PGPASSWORD=hub_app PGOPTIONS='-c hub.clearance=open' \
  psql -At -h 127.0.0.1 -p "$PG_PORT" -U hub_app -d postgres -f "$DATA/read.sql" | wc -c) bytes"
echo "$CONCURRENCY concurrent clients, $SECONDS_PER_RUN s each, on $(nproc) cores shared by everything"
# shellcheck disable=SC2086
java -cp "$CLASSPATH" org.crmhub.benchmark.ReadLoad \
  "$HUB" "$TOKEN" "$DATA/query.json" "Line 10 task 50 resource 2" "$CONCURRENCY" "$SECONDS_PER_RUN"
# the same statement through the same role and row-level security as the hub's connections
PGPASSWORD=hub_app PGOPTIONS='-c hub.clearance=open' pgbench -n -c "$CONCURRENCY" -j 2 -T "$SECONDS_PER_RUN" \
  -f "$DATA/read.sql" -h 127.0.0.1 -p "$PG_PORT" -U hub_app postgres 2>&1 | grep -E "^tps|latency average"
