#!/usr/bin/env bash
# The fault cases (issue 14) against the packaged hub, each with its figures and a verdict
# (docs/reliability.md records them). Client: backend/src/test/java/org/crmhub/benchmark/Faults.java.
#
#   a. 1,000 concurrent read-then-update calls on 10 tasks: each succeeds or answers CONFLICT, no
#      update lost, audit rows and change events equal the successes, versions contiguous;
#   b. every database connection of the API killed every 2 s for 20 s under 8 readers, 2 writers
#      (creates keyed by clientMutationId, retried with the same key) and a WebSocket subscriber:
#      no read error, each key applied once, every creation delivered to the subscriber;
#   c. Keycloak frozen (SIGSTOP) for 15 s under read load: reads served, member management
#      UNAVAILABLE, back after SIGCONT;
#   e. 10,000 idle connections and 200 slowloris clients: /health and queries keep answering;
#   d. the hub killed (SIGKILL) while 4 writers create keyed tasks: nothing half written, the event
#      log matches the committed rows; a new hub on the same database (the embedded PostgreSQL and
#      Keycloak outlive the killed JVM) answers at once; the creates whose answer was lost, sent
#      again with their keys, are each applied at most once. Runs last.
#
# Not run by .ci/run. Needs curl, ss (iproute2), Java 17.
#   usage: backend/benchmark/faults.sh [cases]        # default: abced
#   exit status: the number of cases that failed (0: all passed)
set -euo pipefail
cd "$(dirname "$0")/../.."
CASES=${1:-abced}
. backend/benchmark/hub.sh
PG_PORT=$(sed -nE 's/.*embedded PostgreSQL at 127\.0\.0\.1:([0-9]+).*/\1/p' "$DATA/hub.log" | head -1)
[ -n "$PG_PORT" ] || { echo "no embedded PostgreSQL port in the hub's log" >&2; exit 1; }
KC_PID=$(ss -ltnpH "sport = :$KC_PORT" | sed -nE 's/.*pid=([0-9]+).*/\1/p' | head -1)
[ -n "$KC_PID" ] || { echo "no Keycloak listening on $KC_PORT" >&2; exit 1; }
KILLED_HUB=
stop_orphans() {   # after case d, the killed hub's PostgreSQL and Keycloak are nobody's children
  [ -n "$KILLED_HUB" ] || return 0
  kill "$KC_PID" 2> /dev/null
  [ -e "$DATA/pg/postmaster.pid" ] && kill -INT "$(head -1 "$DATA/pg/postmaster.pid")" 2> /dev/null
  return 0
}
# a frozen Keycloak must not stay frozen if this script stops early
trap 'rc=$?; set +e; kill -CONT "$KC_PID" 2> /dev/null; kill "$HUB_PID" 2> /dev/null; wait "$HUB_PID" 2> /dev/null; stop_orphans; (exit $rc); cleanup' EXIT
echo "hub $HUB (pid $HUB_PID), PostgreSQL 127.0.0.1:$PG_PORT, Keycloak pid $KC_PID; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
failed=0
RUN="java -cp $CLASSPATH org.crmhub.benchmark.Faults $HUB $ISSUER $PG_PORT $KC_PID"
OTHERS=${CASES//d/}
[ -z "$OTHERS" ] || $RUN "$OTHERS" || failed=$((failed + $?))
if [[ $CASES == *d* ]]; then
  STATE=$DATA/faults-d.state
  KILLED_HUB=$HUB_PID
  $RUN d "$HUB_PID" "$STATE" || failed=$((failed + $?))
  wait "$HUB_PID" 2> /dev/null || true
  # a new hub on the same database and Keycloak, now as an external PostgreSQL
  TOKEN=$(token government)
  started=$(date +%s%N)
  HUB_PORT=$HUB_PORT HUB_MANAGEMENT_PORT=$MANAGEMENT_PORT HUB_DB_HOST=127.0.0.1 HUB_DB_PORT=$PG_PORT HUB_DB_NAME=postgres \
    HUB_DB_USER=hub_app HUB_DB_PASSWORD=hub_app HUB_DB_MIGRATION_USER=postgres HUB_DB_MIGRATION_PASSWORD= \
    HUB_ISSUER=$ISSUER HUB_JWK_SET_URI=$ISSUER/protocol/openid-connect/certs HUB_KEYCLOAK_URL=http://127.0.0.1:$KC_PORT \
    java -Xmx2g -jar backend/target/hub-backend-0.1.0-SNAPSHOT.jar > "$DATA/hub-restarted.log" 2>&1 &
  HUB_PID=$!
  answered=
  for _ in $(seq 1 600); do
    if curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
         -d '{"query":"{ workPlans(first: 1) { totalCount } }"}' "$HUB/graphql" 2> /dev/null | grep -q totalCount; then
      answered=$(( ($(date +%s%N) - started) / 1000000 )); break
    fi
    kill -0 "$HUB_PID" 2> /dev/null || break
    sleep 0.2
  done
  if [ -z "$answered" ]; then
    echo "case d: FAIL the restarted hub did not answer; end of its log:"; tail -20 "$DATA/hub-restarted.log"; failed=$((failed + 1))
  else
    echo "d. a new hub on the same database answered its first query ${answered} ms after its JVM was started" \
      "($(sed -nE 's/.*Started HubApplication in ([0-9.]+) seconds.*/\1 s of Spring start-up/p' "$DATA/hub-restarted.log" | head -1))"
    $RUN D "$HUB_PID" "$STATE" || failed=$((failed + $?))
  fi
fi
exit $failed
