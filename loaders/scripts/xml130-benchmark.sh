#!/bin/sh
# Issue 7: throughput of loading QĐ 130 XML with `nhr-load xml130` (target >= 20 episodes/s, validation on),
# docs/BENCHMARKS.md "Hospital XML load".
#
# Run from the repository root:  loaders/scripts/xml130-benchmark.sh
# Starts Keycloak and the FHIR server as the other server benchmarks do (fhir-server/src/gatling/benchmark-common.sh:
# ports 8280/8290 by default, access rules, audit and validation on), loads the guide's directory (Bạch Mai and
# its prescriber 000123/HNO-CCHN), writes a synthetic envelope of EPISODES episodes and loads it twice with Bạch
# Mai's EMR token: the first run creates, the second updates every episode in place.
#
# Settings (environment), besides those of benchmark-common.sh (ports, SKIP_BUILD, JAR, SERVER_JAVA_OPTS):
#   DB=nhr_bench_xml130     database of the run (dropped and re-created)
#   EPISODES=1000           episodes in the envelope (the loader renews Bạch Mai's token by client credentials)
#   PARALLEL=1              episodes the loader sends at once (nhr-load xml130 --parallel)
#   PROFILE=1               record a JFR profile of the server during the create run ($OUT/create.jfr)
# Output: loaders/target/xml130-benchmark/ (logs, runs.txt).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

DB=${DB:-nhr_bench_xml130}
N=${EPISODES:-1000}
OUT=$ROOT/loaders/target/xml130-benchmark
. "$ROOT/fhir-server/src/gatling/benchmark-common.sh"
CLI=loaders/target/nhr-loaders-cli.jar
TOKEN_URL=$ISSUER/protocol/openid-connect/token
EXAMPLES=ig/src/main/resources/nhr/examples/valid

if [ -z "${SKIP_BUILD:-}" ]; then
    echo "Building the server jar, the loaders' jar and Keycloak ..."
    ./mvnw -o -q -DskipTests pre-integration-test -pl terminology,profiles,ig,loaders,fhir-server
fi

token() { # client secret [user]
    if [ $# -eq 3 ]; then
        curl -s "$TOKEN_URL" -d grant_type=password -d client_id="$1" -d client_secret="$2" -d username="$3" \
            -d password=demo-nhr-2025
    else
        curl -s "$TOKEN_URL" -d grant_type=client_credentials -d client_id="$1" -d client_secret="$2"
    fi | python3 -c 'import sys,json; print(json.load(sys.stdin)["access_token"])'
}

count() { # resource type: how many stored
    curl -s -H "Authorization: Bearer $ADMIN" "$FHIR/$1?_summary=count" | python3 -c 'import sys,json; print(json.load(sys.stdin)["total"])'
}

start_keycloak
fresh_database
start_server true true xml130-server
ADMIN=$(token admin-console admin-console-demo-secret qt-dang-thu-ha)
for f in Organization-bv-bach-mai.json Practitioner-bs-le-van-cuong.json; do
    id=$(python3 -c 'import sys,json; d=json.load(open(sys.argv[1])); print(d["resourceType"]+"/"+d["id"])' "$EXAMPLES/$f")
    curl -s -o /dev/null -w "directory $id: %{http_code}\n" -X PUT -H "Authorization: Bearer $ADMIN" \
        -H 'Content-Type: application/fhir+json' --data-binary @"$EXAMPLES/$f" "$FHIR/$id"
done

FILE=$OUT/envelope-$N.xml
java -jar "$CLI" xml130-generate --episodes "$N" "$FILE"
echo "envelope: $(du -h "$FILE" | cut -f1), $N episodes" | tee -a "$OUT/runs.txt"
# warm the server (JIT, caches, validator) with a few episodes of another envelope, not counted
java -jar "$CLI" xml130-generate --episodes 30 "$OUT/warm-up.xml"
java -jar "$CLI" xml130 --no-progress --server "$FHIR" --token "$(token emr-bach-mai emr-bach-mai-demo-secret)" \
    "$OUT/warm-up.xml" > "$OUT/warm-up.log" 2>&1 || true
TYPES="Patient Coverage Encounter Condition MedicationRequest Procedure Observation"
before=0
for t in $TYPES; do before=$((before + $(count "$t"))); done

for run in create update; do
    echo "== $run: $N episodes, ${PARALLEL:-1} at once, $(nproc) cores, $(uname -m), $(java -version 2>&1 | head -n 1)" | tee -a "$OUT/runs.txt"
    wait_until_quiet
    if [ "$run" = create ] && [ -n "${PROFILE:-}" ]; then
        jcmd "$SERVER_PID" JFR.start name=xml130 settings=profile filename="$OUT/create.jfr" > /dev/null
    fi
    watch_start
    start=$(date +%s.%N)
    # the loader gets, and renews, Bạch Mai's token itself (client credentials): a long load outlives one token
    java -jar "$CLI" xml130 --no-progress --lang en --parallel "${PARALLEL:-1}" --server "$FHIR" --token-url "$TOKEN_URL" \
        --client-id emr-bach-mai --client-secret emr-bach-mai-demo-secret "$FILE" > "$OUT/$run.log" 2>&1 || true
    end=$(date +%s.%N)
    watch_stop
    if [ "$run" = create ] && [ -n "${PROFILE:-}" ]; then
        jcmd "$SERVER_PID" JFR.stop name=xml130 > /dev/null
    fi
    grep -v '^SLF4J' "$OUT/$run.log" | head -n 3 | tee -a "$OUT/runs.txt"
    if [ "$run" = create ]; then
        ADMIN=$(token admin-console admin-console-demo-secret qt-dang-thu-ha)
        after=0
        for t in $TYPES; do after=$((after + $(count "$t"))); done
        RESOURCES=$((after - before))
    fi
    python3 -c "d=$end-$start; print('$run: %.1f s, %.1f episodes/s, %.0f resources/s ($RESOURCES resources written)' % (d, $N/d, $RESOURCES/d))" \
        | tee -a "$OUT/runs.txt"
    uptime | tee -a "$OUT/runs.txt"
done
stop_server
