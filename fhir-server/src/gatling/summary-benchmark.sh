#!/bin/sh
# Issue 6 "$summary": latency of Patient/$summary (target p95 ≤ 300 ms) and Patient/$everything (issue 8:
# p95 ≤ 400 ms) for citizens with 200 resources each, access rules and audit on, real Keycloak tokens
# (docs/BENCHMARKS.md, "Health-record summary").
#
# Run from the repository root:  fhir-server/src/gatling/summary-benchmark.sh
# Needs a JDK 17+ and psql reaching a PostgreSQL that lets $PGUSER create databases ($DB is dropped first).
# Nothing is installed into ~/.m2.
#
# Settings (environment), besides those of benchmark-common.sh (ports, SKIP_BUILD, JAR, SERVER_JAVA_OPTS):
#   DB=nhr_bench_summary                                        database of the run (dropped and re-created)
#   CITIZENS=20                                                 data set (SummaryDataSetup): 200 resources each
#   USERS_LIST="1 4"  WARMUP=60  MEASURED=120                   one measured run per concurrency, seconds of
#                                                               warm-up and of measurement
#   AUDIT=true                                                  the access log on (as in production)
#   KEEP_DATA=1                                                 reuse the loaded database and its feeder
# Output: Gatling HTML reports in fhir-server/target/gatling/summarysimulation-*/, logs and tables in
# fhir-server/target/summary-benchmark/.
set -eu
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"

DB=${DB:-nhr_bench_summary}
CITIZENS=${CITIZENS:-20}
USERS_LIST=${USERS_LIST:-1 4}
WARMUP=${WARMUP:-60}
MEASURED=${MEASURED:-120}
AUDIT=${AUDIT:-true}
OUT=$ROOT/fhir-server/target/summary-benchmark
. "$ROOT/fhir-server/src/gatling/benchmark-common.sh"

gatling() { # description, users, seconds, warm-up seconds, results folder, extra Gatling options
    java -Xmx1G -XX:+UseG1GC --add-opens=java.base/java.lang=ALL-UNNAMED -cp "$CP" $BENCH_PROPS \
        -Dnhr.benchmark.users="$2" -Dnhr.benchmark.warmup="$4" -Dnhr.benchmark.seconds="$3" \
        io.gatling.app.Gatling -s vn.ehealth.nhr.benchmark.SummarySimulation -rf "$5" -rd "$1" $6
}

build
start_keycloak
if [ -z "${KEEP_DATA:-}" ]; then
    fresh_database
    start_server true false server-load
    echo "Loading the data set ($CITIZENS citizens of 200 resources) ..."
    java -cp "$CP" $BENCH_PROPS -Dnhr.benchmark.citizens="$CITIZENS" \
        vn.ehealth.nhr.benchmark.SummaryDataSetup > "$OUT/load.log" 2>&1 || { tail -20 "$OUT/load.log"; exit 1; }
    cat "$OUT/data-set.txt"
    stop_server
    psql -q -d "$DB" -c "vacuum analyze"
fi

: > "$OUT/reports.txt"
n=0
for users in $USERS_LIST; do
    n=$((n + 1))
    echo "== run $n: $users users, access rules on, audit $AUDIT" | tee -a "$OUT/runs.txt"
    wait_until_quiet
    start_server true "$AUDIT" "server-run$n-$users-users"
    echo "  warm-up ${WARMUP} s ..."
    gatling "warm-up" "$users" "$WARMUP" 0 "$OUT/warm-up" "-nr" > "$OUT/gatling-run$n-warmup.log" 2>&1 \
        || echo "  (warm-up assertions failed: see $OUT/gatling-run$n-warmup.log)"
    echo "  measuring ${MEASURED} s ..."
    watch_start
    gatling "run $n: $users users, access rules on, audit $AUDIT, ${MEASURED} s" "$users" "$MEASURED" 0 "$REPORTS" "" \
        > "$OUT/gatling-run$n.log" 2>&1 || echo "  (assertions failed: see $OUT/gatling-run$n.log)"
    watch_stop
    report=$(ls -dt "$REPORTS"/summarysimulation-*/ | head -n 1)
    echo "  report: $report" | tee -a "$OUT/runs.txt"
    echo "$n-$users-users=$report" >> "$OUT/reports.txt"
    uptime | tee -a "$OUT/runs.txt"
    stop_server
done

echo "Tables (also in $OUT/tables.md):"
# shellcheck disable=SC2046
java -cp "$CP" vn.ehealth.nhr.benchmark.GatlingReportTable $(cat "$OUT/reports.txt") | tee "$OUT/tables.md"
