# Sourced by the benchmark scripts: builds the hub and its test classpath, starts the packaged
# jar (embedded PostgreSQL in a throw-away folder, the project's Keycloak with its demo users, the
# demo data) on 127.0.0.1, waits until it answers, and stops it when the script exits.
# Sets HUB, ISSUER, HUB_PID, DATA and CLASSPATH; defines token <role> (a demo user's access token).
HUB_PORT=18080; KC_PORT=18180
HUB=http://127.0.0.1:$HUB_PORT
ISSUER=http://127.0.0.1:$KC_PORT/realms/crm-hub

./mvnw -q -B -pl backend package -DskipTests
./mvnw -q -B -pl backend dependency:build-classpath -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
CLASSPATH="backend/target/test-classes:$(cat backend/target/benchmark.classpath)"
DATA=$(mktemp -d)
HUB_PORT=$HUB_PORT HUB_KEYCLOAK_PORT=$KC_PORT HUB_EMBEDDED_DB_DIR=$DATA/pg SPRING_PROFILES_ACTIVE=local \
  java -Xmx2g ${HUB_JAVA_OPTS:-} -jar backend/target/hub-backend-0.1.0-SNAPSHOT.jar > "$DATA/hub.log" 2>&1 &
HUB_PID=$!
cleanup() { status=$?; kill "$HUB_PID" 2>/dev/null; wait "$HUB_PID" 2>/dev/null; rm -rf "$DATA"; exit $status; }
trap cleanup EXIT
for _ in $(seq 1 240); do
  curl -sf "$HUB/actuator/health" > /dev/null && break
  sleep 1
done
token() { curl -sf -d grant_type=password -d client_id=hub-frontend -d username="demo-$1" -d password="demo-$1-pass" \
  "$ISSUER/protocol/openid-connect/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/'; }
