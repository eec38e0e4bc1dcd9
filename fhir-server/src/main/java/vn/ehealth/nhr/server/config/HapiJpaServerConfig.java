package vn.ehealth.nhr.server.config;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.model.HistoryCountModeEnum;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import vn.ehealth.nhr.server.partition.ProvincePartitions;
import vn.ehealth.nhr.server.subscription.NhrSubscriptionProperties;

/**
 * HAPI FHIR JPA (R4) with batch jobs (whose work queue runs on HAPI's in-process channel), configured for a national record store: references are
 * checked, deletes keep referential integrity, and the full-text index covers narrative and
 * content so that {@code _text} and {@code _content} work.
 */
@Configuration(proxyBeanMethods = false)
@Import({JpaR4Config.class, HapiJpaConfig.class, ThreadPoolFactoryConfig.class,
        SubscriptionChannelConfig.class, JpaBatch2Config.class, Batch2JobsConfig.class})
public class HapiJpaServerConfig {

    @Bean
    JpaStorageSettings jpaStorageSettings(NhrFhirProperties fhir) {
        JpaStorageSettings s = new JpaStorageSettings();
        if (fhir.getServerIdStrategy() == NhrFhirProperties.ServerIdStrategy.UUID) {
            s.setResourceServerIdStrategy(JpaStorageSettings.IdStrategyEnum.UUID);
        }
        s.setExpireSearchResultsAfterMillis(fhir.getSearchResultsExpiry().toMillis());
        s.setAllowExternalReferences(false);
        s.setEnforceReferentialIntegrityOnDelete(true);
        s.setEnforceReferentialIntegrityOnWrite(true);
        s.setAllowMultipleDelete(false);
        s.setHibernateSearchIndexFullText(true);
        s.setAdvancedHSearchIndexing(false);
        // A vendor that writes and then searches must see its write: never answer from a cached result set.
        s.setReuseCachedSearchResultsForMillis(null);
        // HAPI's default caches history totals for a minute, which cuts newer versions off _history.
        s.setHistoryCountMode(HistoryCountModeEnum.COUNT_ACCURATE);
        // Pre-expanded value sets match $expand filters with SQL LIKE, which does not fold Vietnamese
        // diacritics; expansions go through the full-text index instead (paging: ExpansionRankingAndPagingInterceptor).
        s.setPreExpandValueSets(false);
        // In-memory expansions must hold the largest national value set (ICD-10 VN: 12,433 concepts).
        s.setMaximumExpansionSize(20_000);
        // Unknown search parameters are the caller's mistake: answer 400, never silently ignore them.
        s.setIndexMissingFields(JpaStorageSettings.IndexEnabledEnum.DISABLED);
        return s;
    }

    /**
     * HAPI's defaults (no partitioning) unless {@code nhr.partitioning.mode=PROVINCE} (ADR 18): then
     * partitions are unnamed numbers (a province's code, no partition rows to create; 0 is the
     * default partition), records may point at the directory and catalogues in the default partition,
     * and the partition is not part of the search hashes, because reads name all partitions (a hash
     * that includes the partition can only match within one).
     */
    @Bean
    PartitionSettings partitionSettings(NhrPartitioningProperties partitioning) {
        PartitionSettings s = new PartitionSettings();
        if (partitioning.isByProvince()) {
            s.setPartitioningEnabled(true);
            s.setUnnamedPartitionMode(true);
            // a number, as unnamed partitions expect: with none, HAPI's package cache names the
            // default partition "DEFAULT" and cannot read its own package Binaries back by that name
            s.setDefaultPartitionId(ProvincePartitions.DEFAULT_PARTITION_ID);
            s.setIncludePartitionInSearchHashes(false);
            s.setAllowReferencesAcrossPartitions(PartitionSettings.CrossPartitionReferenceMode.ALLOWED_UNQUALIFIED);
        }
        return s;
    }

    /**
     * Notifications (subscription/): rest-hook only, matched in memory against the resource being
     * written (never by a database search run on a subscriber's behalf). No supported type when
     * {@code nhr.subscriptions.enabled=false}: HAPI then registers no matcher.
     */
    @Bean
    SubscriptionSettings subscriptionSettings(NhrSubscriptionProperties notifications) {
        SubscriptionSettings s = new SubscriptionSettings();
        if (notifications.isEnabled()) {
            s.addSupportedSubscriptionType(org.hl7.fhir.dstu2.model.Subscription.SubscriptionChannelType.RESTHOOK);
        }
        s.setOnlyAllowInMemorySubscriptions(true);
        return s;
    }

    @Primary
    @Bean
    DatabaseBackedPagingProvider nhrPagingProvider(NhrFhirProperties fhir) {
        DatabaseBackedPagingProvider paging = new DatabaseBackedPagingProvider();
        paging.setDefaultPageSize(fhir.getDefaultPageSize());
        paging.setMaximumPageSize(fhir.getMaxPageSize());
        return paging;
    }
}
