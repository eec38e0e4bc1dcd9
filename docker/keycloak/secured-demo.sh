#!/bin/sh
# The secured stack on a laptop, one command, nothing to install but a JDK (17+):
# the same Keycloak distribution the tests use (from the Maven registry), on port 8180 with realm
# "nhr" (docker/keycloak/nhr-realm.json) imported, and the FHIR server on port 8080 trusting it,
# on the embedded database. Demo users and secrets: README, "Sign-in (Keycloak)". Ctrl-C stops both.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

# builds the server jar and unpacks Keycloak into fhir-server/target/keycloak (tests skipped)
./mvnw -q -DskipTests pre-integration-test

KC_HOME=$(ls -d fhir-server/target/keycloak/keycloak-*/ | head -n 1)
rm -rf "${KC_HOME}data"
mkdir -p "${KC_HOME}data/import"
cp docker/keycloak/nhr-realm.json "${KC_HOME}data/import/"
echo "Starting Keycloak (log: fhir-server/target/keycloak-demo.log) ..."
"${KC_HOME}bin/kc.sh" start-dev --import-realm --http-port=8180 --http-management-port=9180 \
    --hostname-strict=false > fhir-server/target/keycloak-demo.log 2>&1 &
KC_PID=$!
trap 'kill $KC_PID 2>/dev/null || true' EXIT INT TERM

ISSUER=http://localhost:8180/realms/nhr
i=0
until java docker/keycloak/WaitForUrl.java "$ISSUER/.well-known/openid-configuration"; do
    i=$((i + 1))
    if [ "$i" -gt 180 ] || ! kill -0 $KC_PID 2>/dev/null; then
        echo "Keycloak did not start; see fhir-server/target/keycloak-demo.log" >&2
        exit 1
    fi
    sleep 1
done
echo "Keycloak ready: $ISSUER (admin console: http://localhost:8180/, tokens: README 'Sign-in')"

NHR_SECURITY_ISSUER_URI=$ISSUER \
NHR_SECURITY_PSEUDONYM_KEY=${NHR_SECURITY_PSEUDONYM_KEY:-demo-pseudonym-key-not-for-production} \
    java -jar fhir-server/target/nhr-fhir-server.jar
