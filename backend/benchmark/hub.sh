# Sourced by the benchmark scripts: builds the hub and its test classpath, starts the packaged
# jar (embedded PostgreSQL in a throw-away folder, the project's Keycloak with its demo users, the
# demo data) on 127.0.0.1, waits until it answers, and stops it when the script exits.
# Sets HUB, ISSUER, HUB_PID, DATA and CLASSPATH; defines token <role> (a demo user's access token).
# Ports: HUB_BENCH_PORT (default 18080), HUB_BENCH_MANAGEMENT_PORT (18081: /actuator/prometheus)
# and HUB_BENCH_KEYCLOAK_PORT (18180). Exits non-zero when the hub does not answer within 240 s.
HUB_PORT=${HUB_BENCH_PORT:-18080}; KC_PORT=${HUB_BENCH_KEYCLOAK_PORT:-18180}; MANAGEMENT_PORT=${HUB_BENCH_MANAGEMENT_PORT:-18081}
HUB=http://127.0.0.1:$HUB_PORT
ISSUER=http://127.0.0.1:$KC_PORT/realms/crm-hub

for port in "$HUB_PORT" "$KC_PORT" "$MANAGEMENT_PORT"; do   # another run's hub would answer in place of this one
  if (: > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is taken (another benchmark running?); set HUB_BENCH_PORT, HUB_BENCH_MANAGEMENT_PORT and HUB_BENCH_KEYCLOAK_PORT" >&2; exit 1
  fi
done
./mvnw -q -B -pl backend package -DskipTests
./mvnw -q -B -pl backend dependency:build-classpath -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
CLASSPATH="backend/target/test-classes:$(cat backend/target/benchmark.classpath)"
DATA=$(mktemp -d)
HUB_PORT=$HUB_PORT HUB_MANAGEMENT_PORT=$MANAGEMENT_PORT HUB_KEYCLOAK_PORT=$KC_PORT HUB_EMBEDDED_DB_DIR=$DATA/pg SPRING_PROFILES_ACTIVE=local \
  java -Xmx2g ${HUB_JAVA_OPTS:-} -jar backend/target/hub-backend-0.1.0-SNAPSHOT.jar > "$DATA/hub.log" 2>&1 &
HUB_PID=$!
# the embedded PostgreSQL may still be shutting down (and writing) when the JVM has gone: wait for it
cleanup() {
  status=$?; set +e   # a script's errexit must not cut the cleanup short (wait returns the hub's 143)
  kill "$HUB_PID" 2>/dev/null; wait "$HUB_PID" 2>/dev/null
  for _ in $(seq 1 30); do [ -e "$DATA/pg/postmaster.pid" ] || break; sleep 1; done
  rm -rf "$DATA"; exit $status
}
trap cleanup EXIT
for _ in $(seq 1 240); do
  curl -sf "$HUB/health" > /dev/null && break
  kill -0 "$HUB_PID" 2>/dev/null || break
  sleep 1
done
curl -sf "$HUB/health" > /dev/null || { echo "the hub did not start; end of its log:" >&2; tail -30 "$DATA/hub.log" >&2; exit 1; }
token() { curl -sf -d grant_type=password -d client_id=hub-frontend -d username="demo-$1" -d password="demo-$1-pass" \
  "$ISSUER/protocol/openid-connect/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/'; }
