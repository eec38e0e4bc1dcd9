#!/bin/sh
# Issue 8 "ingest" and "side by side": the synthetic population sent as one transaction per citizen, with the
# server's layers on (profile validation, access rules, audit: as in production) and off (the same server
# configured as plain HAPI JPA), each on a fresh database, in one run on one machine
# (docs/BENCHMARKS.md, "National shape").
#
# Run from the repository root:  fhir-server/src/gatling/population-benchmark.sh
# Settings (environment), besides those of benchmark-common.sh (ports, SKIP_BUILD, JAR, SERVER_JAVA_OPTS, QUIET_WAIT):
#   DB=nhr_bench_population        database of each run (dropped and re-created per run)
#   CITIZENS=1000  SEED=20261126  AS_OF=2026-11-26  YEARS=5     the population (nhr-load synthetic-population)
#   CLIENTS=4                      concurrent clients
#   MODES="layers plain"           layers = validation, access rules and audit on; plain = all three off
# Output: fhir-server/target/population-benchmark/ (population/, ingest.txt, logs), Gatling reports in
# fhir-server/target/gatling/populationingestsimulation-*/.
set -eu
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"

DB=${DB:-nhr_bench_population}
CITIZENS=${CITIZENS:-1000}
SEED=${SEED:-20261126}
AS_OF=${AS_OF:-2026-11-26}
YEARS=${YEARS:-5}
CLIENTS=${CLIENTS:-4}
MODES=${MODES:-layers plain}
OUT=$ROOT/fhir-server/target/population-benchmark
. "$ROOT/fhir-server/src/gatling/benchmark-common.sh"

build
POP=$OUT/population-$SEED-$CITIZENS-$AS_OF-$YEARS
if [ ! -f "$POP/00-directory.json" ]; then
    echo "Writing the synthetic population ($CITIZENS citizens, seed $SEED) ..."
    java -jar loaders/target/nhr-loaders-cli.jar synthetic-population --no-progress --citizens "$CITIZENS" --seed "$SEED" \
        --as-of "$AS_OF" --years "$YEARS" --out "$POP"
fi
# the feeder: each citizen file and how many resources it holds (its transaction's entries)
echo "file,resources" > "$OUT/citizens.csv"
for f in "$POP"/citizen-*.json; do
    echo "$f,$(grep -o '"request":' "$f" | wc -l)" >> "$OUT/citizens.csv"
done
start_keycloak

admin_token() {
    java -cp "$CP" $BENCH_PROPS vn.ehealth.nhr.benchmark.BenchmarkTokens administrator
}

for mode in $MODES; do
    case $mode in
        layers) layers=true ;;
        plain) layers=false ;;
        *) echo "unknown mode $mode (layers, plain)" >&2; exit 2 ;;
    esac
    echo "== $mode: validation, access rules and audit $layers; $CLIENTS clients" | tee -a "$OUT/runs.txt"
    wait_until_quiet
    fresh_database
    start_server "$layers" "$layers" "server-$mode" "$layers"
    java -jar loaders/target/nhr-loaders-cli.jar resources --no-progress --server "$FHIR" --token "$(admin_token)" \
        "$POP/00-directory.json" > "$OUT/directory-$mode.log"
    watch_start
    printf '%s ' "$mode" >> "$OUT/ingest.txt"
    java -Xmx1G -XX:+UseG1GC --add-opens=java.base/java.lang=ALL-UNNAMED -cp "$CP" $BENCH_PROPS \
        -Dnhr.benchmark.clients="$CLIENTS" io.gatling.app.Gatling -s vn.ehealth.nhr.benchmark.PopulationIngestSimulation \
        -rf "$REPORTS" -rd "$mode: $CITIZENS citizens, $CLIENTS clients" > "$OUT/gatling-$mode.log" 2>&1 \
        || echo "  (Gatling reported failures: see $OUT/gatling-$mode.log)"
    watch_stop
    psql -At -d "$DB" -c "select pg_size_pretty(pg_database_size('$DB'))" | sed "s/^/  database size after $mode: /" | tee -a "$OUT/runs.txt"
    stop_server
done
echo "Ingest (also in $OUT/ingest.txt):"
cat "$OUT/ingest.txt"
