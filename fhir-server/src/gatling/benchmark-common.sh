# Shared by the server benchmarks (consent-benchmark.sh, summary-benchmark.sh): sourced, not run.
# The caller sets OUT (its output folder) before sourcing, then calls build, start_keycloak,
# start_server/stop_server (which sets STARTUP_MS), wait_until_quiet, watch_start/watch_stop and rss_start/rss_stop.
#
# Common settings (environment):
#   PGHOST=127.0.0.1  PGUSER=postgres                           PostgreSQL (the caller names the database, DB)
#   KC_PORT=8280 FHIR_PORT=8290 MGMT_PORT=8291                  ports (Keycloak's management port: KC_PORT+1000)
#   SKIP_BUILD=1                                                reuse the jar and target/test.classpath
#   SERVER_JAVA_OPTS="-XX:StartFlightRecording=..."              extra JVM options of the FHIR server (profiling)
#   JAR=fhir-server/target/nhr-fhir-server.jar                  the server build to measure
#   BENCH_CLASSES=fhir-server/target/test-classes               the compiled simulations (with SKIP_BUILD, a copy
#                                                               keeps a long run safe from a test build meanwhile,
#                                                               which recompiles that folder without them)
#   QUIET_WAIT=1200                                             before each measured run, wait up to that many
#                                                               seconds for other test JVMs (failsafe, surefire) and
#                                                               Maven builds to end; runs.txt says whether one ran
#                                                               during the measurement

PGHOST=${PGHOST:-127.0.0.1}
PGUSER=${PGUSER:-postgres}
KC_PORT=${KC_PORT:-8280}
FHIR_PORT=${FHIR_PORT:-8290}
MGMT_PORT=${MGMT_PORT:-8291}
QUIET_WAIT=${QUIET_WAIT:-1200}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-}
JAR=${JAR:-fhir-server/target/nhr-fhir-server.jar}
DATA_DIR=$OUT/server-data
REPORTS=$ROOT/fhir-server/target/gatling
FHIR=http://localhost:$FHIR_PORT/fhir
ISSUER=http://localhost:$KC_PORT/realms/nhr
export PGHOST PGUSER
mkdir -p "$OUT" "$REPORTS"

build() {
    if [ -z "${SKIP_BUILD:-}" ]; then
        echo "Building the jar, Keycloak and the benchmark classpath ..."
        ./mvnw -q -DskipTests pre-integration-test
        ./mvnw -q -Pbenchmark -Dexec.skip -DskipTests -pl fhir-server -am test-compile dependency:build-classpath \
            -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
    fi
    CP=${BENCH_CLASSES:-fhir-server/target/test-classes}:$(cat fhir-server/target/test.classpath)
    BENCH_PROPS="-Dnhr.benchmark.url=$FHIR -Dnhr.benchmark.token-url=$ISSUER/protocol/openid-connect/token -Dnhr.benchmark.data=$OUT"
}

wait_for() { # URL, seconds, pid that must stay alive
    i=0
    until java docker/keycloak/WaitForUrl.java "$1"; do
        i=$((i + 2))
        if [ "$i" -gt "$2" ]; then
            echo "$1 did not answer in $2 s" >&2
            return 1
        fi
        if ! kill -0 "$3" 2>/dev/null; then
            echo "$1 did not answer: process $3 ended" >&2
            return 1
        fi
        sleep 2
    done
}

KC_PID=
SERVER_PID=
WATCH_PID=
RSS_PID=
cleanup() {
    [ -n "$WATCH_PID" ] && kill "$WATCH_PID" 2>/dev/null || true
    [ -n "$RSS_PID" ] && kill "$RSS_PID" 2>/dev/null || true
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    [ -n "$KC_PID" ] && kill "$KC_PID" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_keycloak() {
    KC_HOME=$(ls -d fhir-server/target/keycloak/keycloak-*/ | head -n 1)
    rm -rf "${KC_HOME}data"
    mkdir -p "${KC_HOME}data/import"
    cp docker/keycloak/nhr-realm.json "${KC_HOME}data/import/"
    echo "Starting Keycloak on port $KC_PORT (log: $OUT/keycloak.log) ..."
    "${KC_HOME}bin/kc.sh" start-dev --import-realm --http-port="$KC_PORT" --http-management-port=$((KC_PORT + 1000)) \
        --hostname-strict=false > "$OUT/keycloak.log" 2>&1 &
    KC_PID=$!
    wait_for "$ISSUER/.well-known/openid-configuration" 300 $KC_PID
}

start_server() { # rules-enabled audit-enabled log-name [validation-enabled, default true]
    echo "Starting the FHIR server: access rules $1, audit $2, validation ${4:-true} (log: $OUT/$3.log) ..."
    NHR_DB_URL=jdbc:postgresql://$PGHOST:5432/$DB NHR_DB_USERNAME=$PGUSER \
    NHR_SECURITY_ISSUER_URI=$ISSUER NHR_SECURITY_PSEUDONYM_KEY=benchmark-pseudonym-key-not-secret \
    NHR_SECURITY_ACCESS_RULES_ENABLED=$1 NHR_AUDIT_ENABLED=$2 NHR_VALIDATION_ENABLED=${4:-true} \
    NHR_PORT=$FHIR_PORT NHR_MANAGEMENT_PORT=$MGMT_PORT NHR_DATA_DIR=$DATA_DIR \
        java $SERVER_JAVA_OPTS -jar "$JAR" > "$OUT/$3.log" 2>&1 &
    SERVER_PID=$!
    started=$(date +%s%N)
    wait_for "http://localhost:$MGMT_PORT/actuator/health/readiness" 600 $SERVER_PID
    STARTUP_MS=$(( ($(date +%s%N) - started) / 1000000 ))
    echo "  ready after $((STARTUP_MS / 1000)) s"
}

stop_server() {
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
}

fresh_database() {
    psql -q -d postgres -c "drop database if exists $DB" -c "create database $DB"
    rm -rf "$DATA_DIR"
}

# Samples, every 5 s until stopped, whether another test JVM (failsafe, surefire) or Maven build runs; the
# measured run is marked NOT QUIET in runs.txt if one was seen.
watch_start() {
    rm -f "$OUT/intruders"
    ( while :; do
          pgrep -af 'failsafe|surefire|plexus-classworlds' | grep -v -e consent-benchmark -e summary-benchmark >> "$OUT/intruders" || true
          sleep 5
      done ) &
    WATCH_PID=$!
}

watch_stop() {
    kill "$WATCH_PID" 2>/dev/null || true
    wait "$WATCH_PID" 2>/dev/null || true
    WATCH_PID=
    if [ -s "$OUT/intruders" ]; then
        echo "  NOT QUIET during the measurement: $(cut -c1-160 "$OUT/intruders" | sort -u | head -n 3)" | tee -a "$OUT/runs.txt"
    else
        echo "  quiet during the measurement (no other test JVM or Maven build seen)" | tee -a "$OUT/runs.txt"
    fi
}

wait_until_quiet() {
    waited=0
    while pgrep -f 'failsafe|surefire|plexus-classworlds' > /dev/null; do
        if [ "$waited" -ge "$QUIET_WAIT" ]; then
            echo "  other test JVMs still running after $waited s: measuring anyway (NOT QUIET)" | tee -a "$OUT/runs.txt"
            return
        fi
        sleep 30
        waited=$((waited + 30))
    done
    echo "  machine quiet (no failsafe/surefire JVM; waited $waited s); busiest processes:" | tee -a "$OUT/runs.txt"
    top -b -n 2 -d 5 | awk '/^top -/{n++} n==2' | sed -n '7,12p' | tee -a "$OUT/runs.txt"
}

# Samples the server's resident memory (VmRSS of /proc/<pid>/status) every 2 s until stopped; rss_stop
# sets RSS_MAX_KB to the largest sample.
rss_start() {
    rm -f "$OUT/rss"
    ( while :; do
          awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status" >> "$OUT/rss" 2>/dev/null || true
          sleep 2
      done ) &
    RSS_PID=$!
}

rss_stop() {
    kill "$RSS_PID" 2>/dev/null || true
    wait "$RSS_PID" 2>/dev/null || true
    RSS_PID=
    RSS_MAX_KB=$(sort -n "$OUT/rss" | tail -n 1)
}
