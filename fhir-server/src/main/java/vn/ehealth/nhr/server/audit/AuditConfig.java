package vn.ehealth.nhr.server.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.ehealth.nhr.server.security.AccessContexts;

/**
 * The audit log's beans. Interceptors are only declared here; {@code RestfulServerConfig} registers
 * them, in one place with the others. With {@code nhr.audit.enabled=false} none of these exist
 * (benchmark against plain HAPI only), so whoever uses them takes them through an ObjectProvider.
 *
 * <p>Where each goes: BALP, {@link RecordAccessAuditInterceptor} and {@link AccessDenialAuditInterceptor}
 * on the RestfulServer; {@link AuditReferencesDeleteInterceptor} on the storage {@code IInterceptorService}.
 * Never BALP on the storage service: HAPI calls its storage hooks there for internal writes too,
 * with a null ServletRequestDetails, and it throws, which fails every AuditEvent write.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "nhr.audit", name = "enabled", havingValue = "true", matchIfMissing = true)
public class AuditConfig {

    @Bean
    AuditContextServices nhrAuditContextServices() {
        return new AuditContextServices();
    }

    /** Started and drained by Spring as a SmartLifecycle. */
    @Bean
    AuditTrail nhrAuditTrail(NhrAuditProperties audit, MeterRegistry meters, DaoRegistry daos,
            IHapiTransactionService transactions) {
        return new AuditTrail(audit.getQueueCapacity(), audit.getBatchSize(), audit.getFullQueueWait(),
                new AuditEventStore(daos, transactions),
                AccessContexts::current, meters);
    }

    /** HAPI's IHE BALP interceptor: read, vread, search, paging, create, update, delete. RestfulServer only. */
    @Bean
    BalpAuditCaptureInterceptor nhrBalpAuditCaptureInterceptor(AuditTrail trail, AuditContextServices services) {
        return new BalpAuditCaptureInterceptor(trail, services);
    }

    /** History, operations ($everything, $summary, ...) and bulk export: what BALP leaves out. */
    @Bean
    RecordAccessAuditInterceptor nhrRecordAccessAuditInterceptor(AuditTrail trail, AuditContextServices services) {
        return new RecordAccessAuditInterceptor(trail, services);
    }

    /** Patient/$merge: one event naming both records and the administrator. */
    @Bean
    PatientMergeAuditInterceptor nhrPatientMergeAuditInterceptor(AuditTrail trail, AuditContextServices services) {
        return new PatientMergeAuditInterceptor(trail, services);
    }

    /** 401 and 403. */
    @Bean
    AccessDenialAuditInterceptor nhrAccessDenialAuditInterceptor(AuditTrail trail, AuditContextServices services) {
        return new AccessDenialAuditInterceptor(trail, services);
    }

    /** Audited records can still be deleted; nothing else that refers to them is overlooked. Storage service. */
    @Bean
    AuditReferencesDeleteInterceptor nhrAuditReferencesDeleteInterceptor() {
        return new AuditReferencesDeleteInterceptor();
    }
}
