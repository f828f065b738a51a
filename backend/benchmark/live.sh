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
HUB_PORT=18080; KC_PORT=18180
HUB=http://127.0.0.1:$HUB_PORT
ISSUER=http://127.0.0.1:$KC_PORT/realms/crm-hub

./mvnw -q -B -pl backend package -DskipTests
./mvnw -q -B -pl backend dependency:build-classpath -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
DATA=$(mktemp -d)
HUB_PORT=$HUB_PORT HUB_KEYCLOAK_PORT=$KC_PORT HUB_EMBEDDED_DB_DIR=$DATA/pg SPRING_PROFILES_ACTIVE=local \
  java -Xmx2g -jar backend/target/hub-backend-0.1.0-SNAPSHOT.jar > "$DATA/hub.log" 2>&1 &
HUB_PID=$!
cleanup() { status=$?; kill "$HUB_PID" 2>/dev/null; wait "$HUB_PID" 2>/dev/null; rm -rf "$DATA"; exit $status; }
trap cleanup EXIT
for _ in $(seq 1 240); do
  curl -sf "$HUB/actuator/health" > /dev/null && break
  sleep 1
done
token() { curl -sf -d grant_type=password -d client_id=hub-frontend -d username="demo-$1" -d password="demo-$1-pass" \
  "$ISSUER/protocol/openid-connect/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/'; }
READER=$(token civil-society)
WRITER=$(token government)
IDS=$(curl -sf -H "Authorization: Bearer $WRITER" -H 'Content-Type: application/json' \
  -d '{"query":"{ workPlans(first: 1) { edges { node { id workstreams(first: 1) { edges { node { id } } } } } } }"}' "$HUB/graphql")
PLAN=$(echo "$IDS" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["workPlans"]["edges"][0]["node"]["id"])')
WORKSTREAM=$(echo "$IDS" | python3 -c 'import json,sys; n=json.load(sys.stdin)["data"]["workPlans"]["edges"][0]["node"]; print(n["workstreams"]["edges"][0]["node"]["id"])')
echo "hub pid $HUB_PID, plan $PLAN, $EVENTS changes per level, 2 cores: $(nproc)"
# shellcheck disable=SC2086
java -Xmx4g -cp "backend/target/test-classes:$(cat backend/target/benchmark.classpath)" org.crmhub.benchmark.LiveLoad \
  "$HUB" "$HUB_PID" "$READER" "$WRITER" "$PLAN" "$WORKSTREAM" "$EVENTS" $COUNTS
