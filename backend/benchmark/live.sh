#!/usr/bin/env bash
# The live benchmark: 1,000, 5,000 and 10,000 authenticated subscribers on one hub instance.
# Starts the hub (embedded PostgreSQL in a throw-away folder, the project's Keycloak, demo data)
# from the packaged jar, then runs the client (LiveLoad) in a JVM of its own, because one process
# may hold at most `ulimit -n` sockets. Prints a table; docs/benchmarks.md records the figures.
#   usage: backend/benchmark/live.sh [events per level] [subscriber counts...]
#   several instances: INSTANCES=3 TOTAL=50000 backend/benchmark/live.sh [events]
#   (the instances share the first one's embedded PostgreSQL and Keycloak; prints per instance;
#   the clients connect within CONNECT_SECONDS, default 60: 50,000 handshakes in 10 s is more
#   than 3 hubs, PostgreSQL, Keycloak and 3 clients can do on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS=${1:-20}; shift || true
COUNTS=${*:-"1000 5000 10000"}
. backend/benchmark/hub.sh
READER=$(token civil-society)
WRITER=$(token government)
IDS=$(curl -sf -H "Authorization: Bearer $WRITER" -H 'Content-Type: application/json' \
  -d '{"query":"{ workPlans(first: 1) { edges { node { id workstreams(first: 1) { edges { node { id } } } } } } }"}' "$HUB/graphql")
PLAN=$(echo "$IDS" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["workPlans"]["edges"][0]["node"]["id"])')
WORKSTREAM=$(echo "$IDS" | python3 -c 'import json,sys; n=json.load(sys.stdin)["data"]["workPlans"]["edges"][0]["node"]; print(n["workstreams"]["edges"][0]["node"]["id"])')
if [ "${INSTANCES:-1}" -gt 1 ]; then
  # Several instances on one database: instance 1 is the hub above (embedded PostgreSQL and
  # Keycloak); the others join its database and trust its Keycloak. One listener JVM per
  # instance (a JVM holds at most `ulimit -n` sockets), TOTAL subscribers spread evenly.
  TOTAL=${TOTAL:-50000}
  PG_PORT=$(grep -oE 'embedded PostgreSQL at 127.0.0.1:[0-9]+' "$DATA/hub.log" | grep -oE '[0-9]+$' | head -1)
  URLS=("$HUB"); PIDS=()
  for i in $(seq 2 "$INSTANCES"); do
    port=$((HUB_PORT + 10 * (i - 1))); mport=$((MANAGEMENT_PORT + 10 * (i - 1)))
    HUB_PORT=$port HUB_MANAGEMENT_PORT=$mport HUB_DB_HOST=127.0.0.1 HUB_DB_PORT=$PG_PORT HUB_DB_NAME=postgres \
      HUB_DB_USER=hub_app HUB_DB_PASSWORD=hub_app HUB_DB_MIGRATION_USER=postgres HUB_KEYCLOAK_EMBEDDED=false \
      HUB_JWK_SET_URI=$ISSUER/protocol/openid-connect/certs HUB_ISSUER=$ISSUER HUB_KEYCLOAK_URL=http://127.0.0.1:$KC_PORT \
      HUB_DEMO_DATA=false SPRING_PROFILES_ACTIVE=local \
      java -Xmx2g ${HUB_JAVA_OPTS:-} -jar backend/target/hub-backend-0.1.0-SNAPSHOT.jar > "$DATA/hub-$i.log" 2>&1 &
    PIDS+=($!); URLS+=("http://127.0.0.1:$port")
  done
  trap 'kept=$?; set +e; kill "${PIDS[@]}" 2>/dev/null; wait "${PIDS[@]}" 2>/dev/null; (exit $kept); cleanup' EXIT
  for url in "${URLS[@]}"; do
    for _ in $(seq 1 240); do curl -sf "$url/health" > /dev/null && break; sleep 1; done
    curl -sf "$url/health" > /dev/null || { echo "instance $url did not start" >&2; exit 1; }
  done
  echo "$INSTANCES instances on one database, $TOTAL subscribers connecting within ${CONNECT_SECONDS:-60} s, $EVENTS changes, cores: $(nproc)"
  OUT=$(mktemp -d); LISTENERS=()
  for i in $(seq 1 "$INSTANCES"); do
    java -Xmx3g ${LOAD_JAVA_OPTS:-} -cp "$CLASSPATH" org.crmhub.benchmark.LiveListeners "${URLS[$((i - 1))]}" "$READER" "$PLAN" \
      $((TOTAL / INSTANCES)) "$EVENTS" "$OUT/instance-$i" "${CONNECT_SECONDS:-60}" &
    LISTENERS+=($!)
  done
  for i in $(seq 1 "$INSTANCES"); do
    for _ in $(seq 1 400); do [ -e "$OUT/instance-$i.ready" ] && break; sleep 1; done
  done
  for e in $(seq 1 "$EVENTS"); do
    curl -sf -H "Authorization: Bearer $WRITER" -H 'Content-Type: application/json' "$HUB/graphql" \
      -d "{\"query\":\"mutation { createTask(input: {workstreamId: \\\"$WORKSTREAM\\\", title: \\\"Cluster $e\\\", kind: ACTION, responsible: PPT}) { errors { code } } }\"}" > /dev/null
    sleep 1
  done
  wait "${LISTENERS[@]}"
  python3 - "$OUT" "$INSTANCES" <<'PY'
import sys
out, k = sys.argv[1], int(sys.argv[2])
def pct(v, p): return v[min(len(v) - 1, max(0, -(-p * len(v) // 100) - 1))] / 1000 if v else float('nan')
print("%-10s %-12s %-12s %-12s %-9s %-10s %-10s" % ("instance", "subscribers", "delivered", "expected", "refused", "p50 ms", "p99 ms"))
total = [0, 0, 0, 0]; every = []
for i in range(1, k + 1):
    lines = open("%s/instance-%d" % (out, i)).read().split()
    n, d, e, r = map(int, lines[:4]); lat = sorted(map(int, lines[4:])); every += lat
    total = [total[0] + n, total[1] + d, total[2] + e, total[3] + r]
    print("%-10d %-12d %-12d %-12d %-9d %-10.1f %-10.1f" % (i, n, d, e, r, pct(lat, 50), pct(lat, 99)))
every.sort()
print("%-10s %-12d %-12d %-12d %-9d %-10.1f %-10.1f" % ("all", total[0], total[1], total[2], total[3], pct(every, 50), pct(every, 99)))
PY
  exit 0
fi
echo "hub pid $HUB_PID, plan $PLAN, $EVENTS changes per level, 2 cores: $(nproc)"
# shellcheck disable=SC2086
java -Xmx4g ${LOAD_JAVA_OPTS:-} -cp "$CLASSPATH" org.crmhub.benchmark.LiveLoad \
  "$HUB" "$HUB_PID" "$READER" "$WRITER" "$PLAN" "$WORKSTREAM" "$EVENTS" $COUNTS
