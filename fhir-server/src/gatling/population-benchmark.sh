#!/bin/sh
# Issue 8 "ingest", "read mix" and "side by side": the synthetic population sent as one transaction per citizen
# (and the discharge documents of their hospital stays after it), then read by citizen, clinician and analyst tokens (PopulationReadSimulation), with the server's layers on
# (profile validation, access rules, audit: as in production) and off (the same server configured as plain
# HAPI JPA), each on a fresh database, in one run on one machine (docs/BENCHMARKS.md, "National shape").
#
# Run from the repository root:  fhir-server/src/gatling/population-benchmark.sh
# Settings (environment), besides those of benchmark-common.sh (ports, SKIP_BUILD, JAR, SERVER_JAVA_OPTS, QUIET_WAIT):
#   DB=nhr_bench_population        database of each run (dropped and re-created per run)
#   CITIZENS=1000  SEED=20261126  AS_OF=2026-11-26  YEARS=5     the population (nhr-load synthetic-population)
#   CLIENTS=4                      concurrent clients
#   MODES="layers plain"           layers = validation, access rules and audit on; plain = all three off
#   READ_USERS=8  READ_WARMUP=30  READ_SECONDS=90   the read mix: users in flight, warm-up and measured seconds
#   READ_CITIZENS=200              citizens sampled for the read feeders (half get a Consent for Bạch Mai)
#   SKIP_READ=1                    ingest only
#   INGEST_CHECKS=on               off: the ingest runs with profile validation, audit and notifications off (the access rules stay
#                                  as the mode says: they stamp each resource's author facility; the generator's
#                                  output is tested valid, so what is stored is the same, less one AuditEvent per
#                                  citizen) and the server is restarted with the mode's layers for the read mix: how
#                                  the 1M-resource size fits in a session; its ingest figure is then not comparable
#   LOADERS_JAR=loaders/target/nhr-loaders-cli.jar   the generator and loader (with SKIP_BUILD, a copy keeps a long
#                                  run safe from builds in the meantime)
#   PROFILE_READS=1                a JFR recording of the server during the read mix (reads-<mode>-<citizens>.jfr) and
#                                  its flame graph (flame-reads-<mode>-<citizens>.svg, FlameGraph)
#   KEEP_DATA=1                    reuse the database a previous run of the mode left (no ingest): read mix only
# Output: fhir-server/target/population-benchmark/ (population/, ingest.txt, runs.txt, logs), one results file
# per run and mode in results/<mode>-<citizens>.json (figures + per-request percentiles of the read mix), the
# chart of all results there in latency-vs-size.svg; Gatling reports in fhir-server/target/gatling/.
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
READ_USERS=${READ_USERS:-8}
READ_WARMUP=${READ_WARMUP:-30}
READ_SECONDS=${READ_SECONDS:-90}
READ_CITIZENS=${READ_CITIZENS:-200}
INGEST_CHECKS=${INGEST_CHECKS:-on}
LOADERS_JAR=${LOADERS_JAR:-loaders/target/nhr-loaders-cli.jar}
OUT=$ROOT/fhir-server/target/population-benchmark
. "$ROOT/fhir-server/src/gatling/benchmark-common.sh"
# JFR keeps 64 frames of a stack by default: a request's stack is deeper, and its flame graph would have no common root
[ -n "${PROFILE_READS:-}" ] && SERVER_JAVA_OPTS="$SERVER_JAVA_OPTS -XX:FlightRecorderOptions:stackdepth=1024"

build
POP=$OUT/population-$SEED-$CITIZENS-$AS_OF-$YEARS
if [ ! -f "$POP/manifest.csv" ]; then
    echo "Writing the synthetic population ($CITIZENS citizens, seed $SEED) ..."
    java -jar "$LOADERS_JAR" synthetic-population --no-progress --citizens "$CITIZENS" --seed "$SEED" \
        --as-of "$AS_OF" --years "$YEARS" --out "$POP"
fi
# the feeder: the generator's manifest (each citizen's transaction, how many resources sending them stores, their
# discharge papers) with absolute paths
awk -F, -v pop="$POP" 'NR == 1 { print "file,resources,documents"; next }
    { docs = ""; n = split($3, d, " "); for (i = 1; i <= n; i++) docs = docs (i > 1 ? " " : "") pop "/" d[i];
      print pop "/" $1 "," $2 "," docs }' "$POP/manifest.csv" > "$OUT/citizens.csv"
RESOURCES=$(awk -F, 'NR > 1 {n += $2} END {print n}' "$OUT/citizens.csv")
start_keycloak

admin_token() {
    java -cp "$CP" $BENCH_PROPS vn.ehealth.nhr.benchmark.BenchmarkTokens administrator
}

# Waits until the access log has written what the ingest queued (the nhr_audit_queue gauge, 0 or absent): the
# writer runs behind a fast ingest, and a read mix measured while it catches up measures the catch-up too.
wait_for_audit_backlog() {
    waited=0
    while :; do
        queued=$(curl -s "http://localhost:$MGMT_PORT/actuator/prometheus" | awk '/^nhr_audit_queue /{print int($2)}')
        if [ -z "$queued" ] || [ "$queued" -eq 0 ]; then
            echo "  access-log backlog written (waited $waited s)" | tee -a "$OUT/runs.txt"
            return
        fi
        [ $((waited % 60)) -eq 0 ] && echo "  access log still writing the ingest's events: $queued queued" | tee -a "$OUT/runs.txt"
        sleep 5
        waited=$((waited + 5))
    done
}

# The read mix on the ingested population (server running), then the run's results file.
read_phase() { # mode rules-enabled
    wait_for_audit_backlog
    echo "  read mix: $READ_USERS users, ${READ_WARMUP} s warm-up, ${READ_SECONDS} s measured" | tee -a "$OUT/runs.txt"
    # planner statistics first, as after any bulk load: autovacuum had not analysed the index tables after
    # the 1 M ingest, and PostgreSQL planned them as tiny (reads 10-20x slower; BENCHMARKS "Third size")
    psql -q -d "$DB" -c "vacuum analyze"
    java -cp "$CP" $BENCH_PROPS -Dnhr.benchmark.read-citizens="$READ_CITIZENS" -Dnhr.benchmark.seed="$SEED" \
        -Dnhr.benchmark.as-of="$AS_OF" -Dnhr.benchmark.years="$YEARS" \
        vn.ehealth.nhr.benchmark.PopulationReadSetup "$POP" > "$OUT/read-setup-$1.log" 2>&1
    tail -n 1 "$OUT/read-setup-$1.log"
    # the database as the read mix finds it (Consents of the feeders included)
    db_bytes=$(psql -At -d "$DB" -c "select pg_database_size('$DB')")
    stored=$(psql -At -d "$DB" -c "select count(*) from hfj_resource where res_deleted_at is null")
    watch_start
    rss_start
    [ -n "${PROFILE_READS:-}" ] && jcmd "$SERVER_PID" JFR.start name=reads settings=profile > /dev/null
    java -Xmx1G -XX:+UseG1GC --add-opens=java.base/java.lang=ALL-UNNAMED -cp "$CP" $BENCH_PROPS \
        -Dnhr.benchmark.users="$READ_USERS" -Dnhr.benchmark.warmup="$READ_WARMUP" -Dnhr.benchmark.seconds="$READ_SECONDS" \
        -Dnhr.benchmark.rules="$2" io.gatling.app.Gatling -s vn.ehealth.nhr.benchmark.PopulationReadSimulation \
        -rf "$REPORTS" -rd "read mix, $1: $CITIZENS citizens, $READ_USERS users" > "$OUT/gatling-read-$1.log" 2>&1 \
        || echo "  (Gatling reported failures: see $OUT/gatling-read-$1.log)" | tee -a "$OUT/runs.txt"
    rss_stop
    watch_stop
    if [ -n "${PROFILE_READS:-}" ]; then
        jcmd "$SERVER_PID" JFR.dump name=reads filename="$OUT/reads-$1-$CITIZENS.jfr" > /dev/null
        jcmd "$SERVER_PID" JFR.stop name=reads > /dev/null
        java -cp "$CP" vn.ehealth.nhr.benchmark.FlameGraph "$OUT/flame-reads-$1-$CITIZENS.svg" "$OUT/reads-$1-$CITIZENS.jfr" \
            http-nio "Read mix, $1, $CITIZENS citizens, $READ_USERS users: CPU of the request threads" | tee -a "$OUT/runs.txt"
    fi
    report=$(ls -td "$REPORTS"/populationreadsimulation-* | head -n 1)
    echo "  read mix report: $report; server RSS max $((RSS_MAX_KB / 1024)) MiB; start-up $STARTUP_MS ms" | tee -a "$OUT/runs.txt"
    java -cp "$CP" vn.ehealth.nhr.benchmark.PopulationRunResults out="$OUT/results/$1-$CITIZENS.json" report="$report" \
        mode="$1" citizens="$CITIZENS" resources="$RESOURCES" storedResources="$stored" databaseBytes="$db_bytes" \
        databaseBytesEmpty="$empty_bytes" databaseBytesAfterIngest="$ingest_bytes" \
        startupMillis="$STARTUP_MS" rssMaxKiB="$RSS_MAX_KB" readUsers="$READ_USERS" readSeconds="$READ_SECONDS" \
        ingestResourcesPerSecond="$(tail -n 1 "$OUT/ingest.txt" | sed -n 's|.*= \([0-9.]*\) resources/s|\1|p')" \
        seed="$SEED" asOf="$AS_OF" years="$YEARS" cpus="$(nproc)" machine="$(uname -srm)"
}

for mode in $MODES; do
    case $mode in
        layers) layers=true ;;
        plain) layers=false ;;
        *) echo "unknown mode $mode (layers, plain)" >&2; exit 2 ;;
    esac
    echo "== $mode: validation, access rules and audit $layers; $CLIENTS clients" | tee -a "$OUT/runs.txt"
    wait_until_quiet
    if [ -n "${KEEP_DATA:-}" ]; then
        echo "  reusing database $DB (KEEP_DATA): no ingest" | tee -a "$OUT/runs.txt"
        start_server "$layers" "$layers" "server-$mode" "$layers"
        empty_bytes=$(cat "$OUT/empty-bytes-$mode" 2>/dev/null || echo 0)
        ingest_bytes=$(cat "$OUT/ingest-bytes-$mode" 2>/dev/null || echo 0)
    else
        fresh_database
        checks=$layers
        [ "$INGEST_CHECKS" = off ] && checks=false
        [ "$checks" != "$layers" ] && echo "  ingest with profile validation and audit off (INGEST_CHECKS=off)" | tee -a "$OUT/runs.txt"
        [ "$checks" = false ] && [ "$INGEST_CHECKS" = off ] && export NHR_SUBSCRIPTIONS_ENABLED=false
        start_server "$layers" "$checks" "server-$mode" "$checks"
        unset NHR_SUBSCRIPTIONS_ENABLED
        # the empty server's database (schema, guide package, catalogues): what a citizen costs is the growth past it
        empty_bytes=$(psql -At -d "$DB" -c "select pg_database_size('$DB')")
        echo "$empty_bytes" > "$OUT/empty-bytes-$mode"
        java -jar "$LOADERS_JAR" resources --no-progress --server "$FHIR" --token "$(admin_token)" \
            "$POP/00-directory.json" > "$OUT/directory-$mode.log"
        watch_start
        printf '%s ' "$mode" >> "$OUT/ingest.txt"
        java -Xmx1G -XX:+UseG1GC --add-opens=java.base/java.lang=ALL-UNNAMED -cp "$CP" $BENCH_PROPS \
            -Dnhr.benchmark.clients="$CLIENTS" io.gatling.app.Gatling -s vn.ehealth.nhr.benchmark.PopulationIngestSimulation \
            -rf "$REPORTS" -rd "$mode: $CITIZENS citizens, $CLIENTS clients" > "$OUT/gatling-$mode.log" 2>&1 \
            || echo "  (Gatling reported failures: see $OUT/gatling-$mode.log)"
        watch_stop
        ingest_bytes=$(psql -At -d "$DB" -c "select pg_database_size('$DB')")
        echo "$ingest_bytes" > "$OUT/ingest-bytes-$mode"
        echo "  database size: $((empty_bytes / 1048576)) MiB empty, $((ingest_bytes / 1048576)) MiB after the ingest" | tee -a "$OUT/runs.txt"
        if [ "$checks" != "$layers" ] && [ -z "${SKIP_READ:-}" ]; then
            stop_server
            start_server "$layers" "$layers" "server-$mode-read" "$layers"
        fi
    fi
    if [ -z "${SKIP_READ:-}" ]; then
        read_phase "$mode" "$layers"
    fi
    stop_server
done
echo "Ingest (also in $OUT/ingest.txt):"
cat "$OUT/ingest.txt"
if [ -z "${SKIP_READ:-}" ]; then
    java -cp "$CP" vn.ehealth.nhr.benchmark.LatencyChart "$OUT/latency-vs-size.svg" "$OUT"/results/*.json
fi
