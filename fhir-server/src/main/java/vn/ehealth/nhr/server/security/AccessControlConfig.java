package vn.ehealth.nhr.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.IJpaStorageResourceParser;
import ca.uhn.fhir.jpa.dao.IResourceMetadataExtractorSvc;
import ca.uhn.fhir.jpa.esr.ExternallyStoredResourceServiceRegistry;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.partition.IPartitionLookupSvc;
import ca.uhn.fhir.util.IMetaTagSorter;
import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import vn.ehealth.nhr.server.consent.AnalystDeidentifier;
import vn.ehealth.nhr.server.consent.CachingCitizenRecordLookup;
import vn.ehealth.nhr.server.consent.PostgresEvictionBroadcast;
import vn.ehealth.nhr.server.config.NhrDatabaseProperties;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import vn.ehealth.nhr.server.consent.CitizenConsentRules;
import vn.ehealth.nhr.server.consent.CitizenRecordLookup;
import vn.ehealth.nhr.server.consent.JudgedResourceReuse;
import vn.ehealth.nhr.server.consent.JudgedResourceReusingLoader;
import vn.ehealth.nhr.server.consent.RecordAccessConsentService;
import vn.ehealth.nhr.server.consent.RecordAccessRules;
import vn.ehealth.nhr.server.consent.RecordCompartments;
import vn.ehealth.nhr.server.consent.UnsharedRecordSearchNarrowing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * The access-control block: who may read (HAPI's {@link ConsentInterceptor} driven by
 * {@link RecordAccessConsentService}) and who may write ({@link RecordWriteRules}). Switched off
 * as a whole by {@code nhr.security.access-rules-enabled=false} (benchmarks only); the interceptors
 * are registered in {@code RestfulServerConfig}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "nhr.security", name = "access-rules-enabled", havingValue = "true", matchIfMissing = true)
public class AccessControlConfig {

    private static final Logger log = LoggerFactory.getLogger(AccessControlConfig.class);

    /** Citizens' CCCDs and Consents, cached between requests and evicted by every write of them. */
    @Bean
    CachingCitizenRecordLookup citizenRecordLookup(DaoRegistry daos) {
        return new CachingCitizenRecordLookup(daos, Duration.ofSeconds(30), Duration.ofMinutes(5), 200_000);
    }

    /**
     * Replicas on one PostgreSQL tell each other what a Consent or Patient write made stale
     * (LISTEN/NOTIFY); the embedded database serves one server only, so it needs none.
     */
    @Bean
    @ConditionalOnExpression("'${nhr.db.url:}'.startsWith('jdbc:postgresql:')")
    PostgresEvictionBroadcast consentCacheBroadcast(CachingCitizenRecordLookup lookup, EntityManagerFactory entityManagerFactory,
            NhrDatabaseProperties db) {
        return new PostgresEvictionBroadcast(lookup, SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory),
                db.getUrl(), db.getUsername(), db.getPassword());
    }

    @Bean
    ScopeRestrictionMatcher scopeRestrictionMatcher(SearchParamMatcher matcher) {
        return new ScopeRestrictionMatcher(matcher);
    }

    @Bean
    CitizenConsentRules citizenConsentRules(FhirContext fhirContext) {
        return CitizenConsentRules.shipped(fhirContext);
    }

    @Bean
    RecordCompartments recordCompartments(FhirContext fhirContext) {
        return new RecordCompartments(fhirContext);
    }

    @Bean
    RecordAccessRules recordAccessRules(FhirContext fhirContext, CitizenConsentRules consentRules, RecordCompartments compartments,
            CitizenRecordLookup lookup, ScopeRestrictionMatcher scopes) {
        return new RecordAccessRules(consentRules, compartments, lookup, fhirContext, Clock.systemUTC(), scopes);
    }

    /** Searches of a record the citizen shares with nobody load only the searching facility's own entries. */
    @Bean
    UnsharedRecordSearchNarrowing unsharedRecordSearchNarrowing(CitizenConsentRules consentRules, CitizenRecordLookup lookup,
            RecordCompartments compartments) {
        return new UnsharedRecordSearchNarrowing(consentRules, lookup, compartments, Clock.systemUTC());
    }

    @Bean
    AnalystDeidentifier analystDeidentifier(NhrSecurityProperties security, FhirContext fhirContext) {
        byte[] key;
        if (security.getPseudonymKey() != null && !security.getPseudonymKey().isBlank()) {
            key = security.getPseudonymKey().getBytes(StandardCharsets.UTF_8);
        } else {
            // only the sandbox gets here (SandboxModeGuard): nobody there is an analyst, a throwaway key will do
            key = new byte[32];
            new SecureRandom().nextBytes(key);
            log.info("No nhr.security.pseudonym-key: analysts' pseudonyms use a random key until restart (sandbox)");
        }
        return new AnalystDeidentifier(key, fhirContext);
    }

    /** Hands a search's answer the resources its consent check has just loaded (one parse per request, not two). */
    @Bean
    JudgedResourceReuse judgedResourceReuse() {
        return new JudgedResourceReuse();
    }

    /** Replaces HAPI's loader of stored resources (primary: HAPI's own bean stays, unused) to serve {@link JudgedResourceReuse}. */
    @Bean
    @Primary
    JudgedResourceReusingLoader judgedResourceReusingLoader(FhirContext fhirContext, IResourceMetadataExtractorSvc metadataExtractor,
            IJpaStorageResourceParser parser, ExternallyStoredResourceServiceRegistry externallyStored, IMetaTagSorter metaTagSorter,
            PartitionSettings partitionSettings, IPartitionLookupSvc partitionLookup) {
        return new JudgedResourceReusingLoader(fhirContext, metadataExtractor, parser, externallyStored, metaTagSorter,
                partitionSettings, partitionLookup);
    }

    @Bean
    ConsentInterceptor recordAccessConsentInterceptor(RecordAccessRules rules, AnalystDeidentifier deidentifier,
            FhirContext fhirContext) {
        return new ConsentInterceptor(new RecordAccessConsentService(rules, deidentifier::deidentify, fhirContext));
    }

    @Bean
    RecordWriteRules recordWriteRules(CitizenRecordLookup lookup, FhirContext fhirContext, ScopeRestrictionMatcher scopes) {
        return new RecordWriteRules(lookup, fhirContext, scopes);
    }
}
