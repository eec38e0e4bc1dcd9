-- Run by the postgres image on the FIRST start of an empty data volume only (docker-entrypoint-initdb.d):
-- Keycloak's own database beside the FHIR server's, owned by the same user.
CREATE DATABASE keycloak OWNER nhr ENCODING 'UTF8';
