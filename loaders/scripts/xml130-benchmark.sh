#!/usr/bin/env bash
# Throughput of loading QĐ 130 XML (issue 7 target: >= 20 episodes/s with validation on).
# Needs a running server with the guide's directory loaded (Practitioner with licence 000123/HNO-CCHN)
# and Keycloak; writes a synthetic envelope of EPISODES episodes and loads it twice (the second
# run measures updates in place).
#   NHR_SERVER_URL   FHIR base (default http://localhost:8080/fhir)
#   KEYCLOAK_TOKEN_URL  token endpoint (default http://localhost:8180/realms/nhr/protocol/openid-connect/token)
#   EPISODES         number of episodes (default 1000)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=loaders/target/nhr-loaders-cli.jar
SERVER=${NHR_SERVER_URL:-http://localhost:8080/fhir}
KC=${KEYCLOAK_TOKEN_URL:-http://localhost:8180/realms/nhr/protocol/openid-connect/token}
N=${EPISODES:-1000}
FILE=$(mktemp --suffix=.xml)
trap 'rm -f "$FILE"' EXIT

java -jar "$JAR" xml130-generate --episodes "$N" "$FILE"
echo "envelope: $(du -h "$FILE" | cut -f1), $N episodes"
TOKEN=$(curl -s "$KC" -d grant_type=client_credentials -d client_id=emr-bach-mai -d client_secret=emr-bach-mai-demo-secret \
  | python3 -c 'import sys,json; print(json.load(sys.stdin)["access_token"])')
for run in create update; do
  start=$(date +%s.%N)
  java -jar "$JAR" xml130 --no-progress --server "$SERVER" --token "$TOKEN" "$FILE" | tail -n 3
  end=$(date +%s.%N)
  python3 -c "print('$run: %.1f s, %.1f episodes/s' % ($end-$start, $N/($end-$start)))"
done
