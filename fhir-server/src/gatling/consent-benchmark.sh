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
#   DB=nhr_bench_consent                                        database of the run (dropped and re-created)
#   PATIENTS=500  EPISODES=3                                    data set (ConsentDataSetup)
#   USERS=4  WARMUP=60  MEASURED=120                            concurrency, seconds of warm-up and of measurement
#   RUNS="on off off on"                                        one measured run per word: on = access rules on,
#                                                               off = rules off, audit = rules on and audit on
#                                                               (audit is off in "on" and "off", so only the rules differ);
#                                                               the ABBA order cancels a steady drift of the machine
#                                                               (caches warming run after run)
#   KEEP_DATA=1                                                 reuse the loaded database and its feeders
# and those of benchmark-common.sh (PostgreSQL, ports, SKIP_BUILD, JAR, SERVER_JAVA_OPTS, QUIET_WAIT).
# Output: Gatling HTML reports in fhir-server/target/gatling/consentsearchsimulation-*/ (the run description
# says which setting), logs and tables in fhir-server/target/consent-benchmark/.
set -eu
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"

DB=${DB:-nhr_bench_consent}
PATIENTS=${PATIENTS:-500}
EPISODES=${EPISODES:-3}
USERS=${USERS:-4}
WARMUP=${WARMUP:-60}
MEASURED=${MEASURED:-120}
RUNS=${RUNS:-on off off on}
OUT=$ROOT/fhir-server/target/consent-benchmark
. "$ROOT/fhir-server/src/gatling/benchmark-common.sh"

gatling() { # description, seconds, results folder, extra Gatling options (as the Maven plugin's defaults)
    java -Xmx1G -XX:+UseG1GC --add-opens=java.base/java.lang=ALL-UNNAMED -cp "$CP" $BENCH_PROPS \
        -Dnhr.benchmark.users="$USERS" -Dnhr.benchmark.warmup=0 -Dnhr.benchmark.seconds="$2" \
        io.gatling.app.Gatling -s vn.ehealth.nhr.benchmark.ConsentSearchSimulation -rf "$3" -rd "$1" $4
}

build
start_keycloak
if [ -z "${KEEP_DATA:-}" ]; then
    fresh_database
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
    # Every search leaves rows in HAPI's search cache (about 75 a second here), which HAPI expires only after
    # an hour, so each run would start with the previous runs' rows: each run starts from the same database.
    psql -q -d "$DB" -c "truncate hfj_search_result, hfj_search_include, hfj_search" -c "vacuum analyze"
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
