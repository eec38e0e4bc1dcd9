#!/bin/sh
# Issue 5 "Speed": search throughput and latency with the consent rules on and off, on the same data,
# against the same jar (docs/BENCHMARKS.md, "Consent rules: search cost with the rules on and off").
#
# Run from the repository root:  fhir-server/src/gatling/consent-benchmark.sh
# Needs a JDK 17+ and psql reaching a PostgreSQL that lets $PGUSER create databases (the data set is
# loaded into a fresh database $DB, dropped first). Nothing is installed into ~/.m2: the reactor builds
# the jar and the benchmark classpath (siblings from their target/ folders), Gatling runs as plain java.
#
# Settings (environment):
#   DB=nhr_bench_consent  PGHOST=127.0.0.1  PGUSER=postgres    database of the run (dropped and re-created)
#   PATIENTS=500  EPISODES=3                                    data set (ConsentDataSetup)
#   USERS=4  WARMUP=60  MEASURED=120                            concurrency, seconds of warm-up and of measurement
#   RUNS="on off on off"                                        one measured run per word: on = access rules on,
#                                                               off = rules off, audit = rules on and audit on
#                                                               (audit is off in "on" and "off", so only the rules differ)
#   KC_PORT=8280 FHIR_PORT=8290 MGMT_PORT=8291                  ports (Keycloak's management port: KC_PORT+1000)
#   SKIP_BUILD=1                                                reuse the jar and target/test.classpath
#   KEEP_DATA=1                                                 reuse the loaded database and its feeders
#   SERVER_JAVA_OPTS="-XX:StartFlightRecording=..."              extra JVM options of the FHIR server (profiling)
#   JAR=fhir-server/target/nhr-fhir-server.jar                  the server build to measure
#   QUIET_WAIT=1200                                             before each measured run, wait up to that many
#                                                               seconds for other test JVMs (failsafe, surefire) and
#                                                               Maven builds to end; runs.txt says whether one ran
#                                                               during the measurement
# Output: Gatling HTML reports in fhir-server/target/gatling/consentsearchsimulation-*/ (the run description
# says which setting), logs and tables in fhir-server/target/consent-benchmark/.
set -eu
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"

DB=${DB:-nhr_bench_consent}
PGHOST=${PGHOST:-127.0.0.1}
PGUSER=${PGUSER:-postgres}
PATIENTS=${PATIENTS:-500}
EPISODES=${EPISODES:-3}
USERS=${USERS:-4}
WARMUP=${WARMUP:-60}
MEASURED=${MEASURED:-120}
RUNS=${RUNS:-on off on off}
KC_PORT=${KC_PORT:-8280}
FHIR_PORT=${FHIR_PORT:-8290}
MGMT_PORT=${MGMT_PORT:-8291}
QUIET_WAIT=${QUIET_WAIT:-1200}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-}
JAR=${JAR:-fhir-server/target/nhr-fhir-server.jar}
OUT=$ROOT/fhir-server/target/consent-benchmark
DATA_DIR=$OUT/server-data
REPORTS=$ROOT/fhir-server/target/gatling
FHIR=http://localhost:$FHIR_PORT/fhir
ISSUER=http://localhost:$KC_PORT/realms/nhr
export PGHOST PGUSER
mkdir -p "$OUT" "$REPORTS"

if [ -z "${SKIP_BUILD:-}" ]; then
    echo "Building the jar, Keycloak and the benchmark classpath ..."
    ./mvnw -q -DskipTests pre-integration-test
    ./mvnw -q -Pbenchmark -Dexec.skip -DskipTests -pl fhir-server -am test-compile dependency:build-classpath \
        -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
fi
CP=fhir-server/target/test-classes:$(cat fhir-server/target/test.classpath)
BENCH_PROPS="-Dnhr.benchmark.url=$FHIR -Dnhr.benchmark.token-url=$ISSUER/protocol/openid-connect/token -Dnhr.benchmark.data=$OUT"

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
cleanup() {
    [ -n "$WATCH_PID" ] && kill "$WATCH_PID" 2>/dev/null || true
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    [ -n "$KC_PID" ] && kill "$KC_PID" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

KC_HOME=$(ls -d fhir-server/target/keycloak/keycloak-*/ | head -n 1)
rm -rf "${KC_HOME}data"
mkdir -p "${KC_HOME}data/import"
cp docker/keycloak/nhr-realm.json "${KC_HOME}data/import/"
echo "Starting Keycloak on port $KC_PORT (log: $OUT/keycloak.log) ..."
"${KC_HOME}bin/kc.sh" start-dev --import-realm --http-port="$KC_PORT" --http-management-port=$((KC_PORT + 1000)) \
    --hostname-strict=false > "$OUT/keycloak.log" 2>&1 &
KC_PID=$!
wait_for "$ISSUER/.well-known/openid-configuration" 300 $KC_PID

start_server() { # rules-enabled audit-enabled log-name
    echo "Starting the FHIR server: access rules $1, audit $2 (log: $OUT/$3.log) ..."
    NHR_DB_URL=jdbc:postgresql://$PGHOST:5432/$DB NHR_DB_USERNAME=$PGUSER \
    NHR_SECURITY_ISSUER_URI=$ISSUER NHR_SECURITY_PSEUDONYM_KEY=benchmark-pseudonym-key-not-secret \
    NHR_SECURITY_ACCESS_RULES_ENABLED=$1 NHR_AUDIT_ENABLED=$2 \
    NHR_PORT=$FHIR_PORT NHR_MANAGEMENT_PORT=$MGMT_PORT NHR_DATA_DIR=$DATA_DIR \
        java $SERVER_JAVA_OPTS -jar "$JAR" > "$OUT/$3.log" 2>&1 &
    SERVER_PID=$!
    started=$(date +%s)
    wait_for "http://localhost:$MGMT_PORT/actuator/health/readiness" 600 $SERVER_PID
    echo "  ready after $(( $(date +%s) - started )) s"
}

stop_server() {
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
}

# Samples, every 5 s until stopped, whether another test JVM (failsafe, surefire) or Maven build runs; the
# measured run is marked NOT QUIET in runs.txt if one was seen.
watch_start() {
    rm -f "$OUT/intruders"
    ( while :; do
          pgrep -af 'failsafe|surefire|plexus-classworlds' | grep -v consent-benchmark >> "$OUT/intruders" || true
          sleep 5
      done ) &
    WATCH_PID=$!
}

watch_stop() {
    kill "$WATCH_PID" 2>/dev/null || true
    wait "$WATCH_PID" 2>/dev/null || true
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

gatling() { # description, seconds, results folder, extra Gatling options (as the Maven plugin's defaults)
    java -Xmx1G -XX:+UseG1GC --add-opens=java.base/java.lang=ALL-UNNAMED -cp "$CP" $BENCH_PROPS \
        -Dnhr.benchmark.users="$USERS" -Dnhr.benchmark.warmup=0 -Dnhr.benchmark.seconds="$2" \
        io.gatling.app.Gatling -s vn.ehealth.nhr.benchmark.ConsentSearchSimulation -rf "$3" -rd "$1" $4
}

if [ -z "${KEEP_DATA:-}" ]; then
    psql -q -d postgres -c "drop database if exists $DB" -c "create database $DB"
    rm -rf "$DATA_DIR"
    start_server true false server-load
    echo "Loading the data set ($PATIENTS citizens) ..."
    java -cp "$CP" $BENCH_PROPS -Dnhr.benchmark.patients="$PATIENTS" -Dnhr.benchmark.episodes="$EPISODES" \
        vn.ehealth.nhr.benchmark.ConsentDataSetup > "$OUT/load.log" 2>&1 || { tail -20 "$OUT/load.log"; exit 1; }
    cat "$OUT/data-set.txt"
    stop_server
    psql -q -d "$DB" -c "vacuum analyze"
fi

n=0
for mode in $RUNS; do
    n=$((n + 1))
    case $mode in
        on) rules=true audit=false ;;
        off) rules=false audit=false ;;
        audit) rules=true audit=true ;;
        *) echo "unknown run $mode (on, off, audit)" >&2; exit 2 ;;
    esac
    echo "== run $n: rules $rules, audit $audit" | tee -a "$OUT/runs.txt"
    wait_until_quiet
    start_server $rules $audit "server-run$n-$mode"
    echo "  warm-up ${WARMUP} s ..."
    gatling "warm-up" "$WARMUP" "$OUT/warm-up" "-nr" > "$OUT/gatling-run$n-$mode-warmup.log" 2>&1 \
        || echo "  (warm-up assertions failed: see $OUT/gatling-run$n-$mode-warmup.log)"
    echo "  measuring ${MEASURED} s ..."
    watch_start
    gatling "run $n: access rules $rules, audit $audit, $USERS users, ${MEASURED} s" "$MEASURED" "$REPORTS" "" \
        > "$OUT/gatling-run$n-$mode.log" 2>&1 || echo "  (assertions failed: see $OUT/gatling-run$n-$mode.log)"
    watch_stop
    report=$(ls -dt "$REPORTS"/consentsearchsimulation-*/ | head -n 1)
    echo "  report: $report" | tee -a "$OUT/runs.txt"
    echo "$n-$mode=$report" >> "$OUT/reports.txt"
    uptime | tee -a "$OUT/runs.txt"
    stop_server
done

echo "Tables (also in $OUT/tables.md):"
runs=$(tail -n "$n" "$OUT/reports.txt")
base=$(echo "$runs" | grep -m 1 -- '-off=' | cut -d= -f1 || true)
# shellcheck disable=SC2086
java -cp "$CP" ${base:+-Dbase=$base} vn.ehealth.nhr.benchmark.GatlingReportTable $runs | tee "$OUT/tables.md"
