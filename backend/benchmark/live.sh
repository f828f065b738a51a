#!/usr/bin/env bash
# The live benchmark: 1,000, 5,000 and 10,000 authenticated subscribers on one hub instance.
# Starts the hub (embedded PostgreSQL in a throw-away folder, the project's Keycloak, demo data)
# from the packaged jar, then runs the client (LiveLoad) in a JVM of its own, because one process
# may hold at most `ulimit -n` sockets. Prints a table; docs/benchmarks.md records the figures.
#   usage: backend/benchmark/live.sh [events per level] [subscriber counts...]
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
echo "hub pid $HUB_PID, plan $PLAN, $EVENTS changes per level, 2 cores: $(nproc)"
# shellcheck disable=SC2086
java -Xmx4g -cp "$CLASSPATH" org.crmhub.benchmark.LiveLoad \
  "$HUB" "$HUB_PID" "$READER" "$WRITER" "$PLAN" "$WORKSTREAM" "$EVENTS" $COUNTS
