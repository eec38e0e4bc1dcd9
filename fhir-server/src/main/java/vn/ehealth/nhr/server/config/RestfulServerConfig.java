package vn.ehealth.nhr.server.config;

import vn.ehealth.nhr.server.operations.importxml130.ImportXml130Provider;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.ips.provider.IpsOperationProvider;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.TerminologyUploaderProvider;
import ca.uhn.fhir.jpa.provider.ValueSetOperationProvider;
import ca.uhn.fhir.jpa.provider.merge.PatientMergeProvider;
import ca.uhn.fhir.rest.openapi.OpenApiInterceptor;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import vn.ehealth.nhr.server.audit.AccessDenialAuditInterceptor;
import vn.ehealth.nhr.server.audit.AuditContextServices;
import vn.ehealth.nhr.server.audit.AuditEventsKeptByMergeInterceptor;
import vn.ehealth.nhr.server.audit.AuditReferencesDeleteInterceptor;
import vn.ehealth.nhr.server.audit.PatientMergeAuditInterceptor;
import vn.ehealth.nhr.server.audit.ProvenanceAgentsInterceptor;
import vn.ehealth.nhr.server.api.OpenApiCharsetInterceptor;
import vn.ehealth.nhr.server.api.StaleVersionOutcomeInterceptor;
import vn.ehealth.nhr.server.operations.everything.EverythingNarrowingInterceptor;
import vn.ehealth.nhr.server.partition.ProvincePartitionInterceptor;
import vn.ehealth.nhr.server.patient.PatientMergeInterceptor;
import vn.ehealth.nhr.server.audit.RecordAccessAuditInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.ehealth.nhr.server.capability.CapabilityStatementInterceptor;
import vn.ehealth.nhr.server.document.DocumentBundleResourceProvider;
import vn.ehealth.nhr.server.document.DocumentStorageGuard;
import vn.ehealth.nhr.server.operations.document.DischargePaperOperationProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.Bundle;
import java.util.ArrayList;
import java.util.List;
import vn.ehealth.nhr.server.http.RequestSizeLimitFilter;
import vn.ehealth.nhr.server.consent.CachingCitizenRecordLookup;
import vn.ehealth.nhr.server.consent.ConsentFilterEdgesInterceptor;
import vn.ehealth.nhr.server.consent.JudgedResourceReuse;
import vn.ehealth.nhr.server.consent.UnsharedRecordSearchNarrowing;
import vn.ehealth.nhr.server.patient.CccdSearchInterceptor;
import vn.ehealth.nhr.server.security.NhrSecurityProperties;
import vn.ehealth.nhr.server.security.RecordWriteRules;
import vn.ehealth.nhr.server.security.SecurityCapabilityInterceptor;
import vn.ehealth.nhr.server.patient.ConditionalPatientCreateInterceptor;
import vn.ehealth.nhr.server.patient.DemographicConflictInterceptor;
import vn.ehealth.nhr.server.patient.DuplicateCitizenOutcomeInterceptor;
import vn.ehealth.nhr.server.immunization.DuplicateDoseInterceptor;
import vn.ehealth.nhr.server.prescription.MedicationDispenseInterceptor;
import vn.ehealth.nhr.server.prescription.PrescriptionStatusInterceptor;
import vn.ehealth.nhr.server.subscription.SubscriptionDeliveryGuard;
import vn.ehealth.nhr.server.subscription.SubscriptionWriteInterceptor;
import vn.ehealth.nhr.server.terminology.ExpansionRankingAndPagingInterceptor;
import vn.ehealth.nhr.server.terminology.Icd10CodeSpellingInterceptor;
import vn.ehealth.nhr.server.validation.DocumentSignatureInterceptor;
import vn.ehealth.nhr.server.validation.Icd10RestrictionInterceptor;
import vn.ehealth.nhr.server.validation.ProfileEnforcementInterceptor;
import vn.ehealth.nhr.server.validation.ValidationReportingInterceptor;

/**
 * The FHIR REST endpoint at {@code /fhir}: HAPI's RestfulServer with the JPA resource providers.
 *
 * <p>This is the one place where interceptors are registered, in the order they run: on the REST
 * server (request and response concerns) and on HAPI's storage interceptor service (rules that
 * must hold for every write, whatever path it takes). Each concern is its own interceptor class,
 * tested alone and through HTTP.
 */
@Configuration(proxyBeanMethods = false)
public class RestfulServerConfig {

    public static final String FHIR_PATH = "/fhir";

    @Bean
    RestfulServer fhirRestfulServer(
            IFhirSystemDao<?, ?> systemDao,
            ResourceProviderFactory resourceProviders,
            IJpaSystemProvider systemProvider,
            ValueSetOperationProvider valueSetOperations,
            IpsOperationProvider healthRecordSummary,
            ImportXml130Provider importXml130,
            PatientMergeProvider patientMerge,
            TerminologyUploaderProvider terminologyUploader,
            JpaStorageSettings storageSettings,
            ISearchParamRegistry searchParamRegistry,
            IValidationSupport validationSupport,
            DatabaseBackedPagingProvider pagingProvider,
            NhrFhirProperties fhir,
            CapabilityStatementInterceptor capabilityStatementInterceptor,
            Icd10CodeSpellingInterceptor icd10CodeSpelling,
            ExpansionRankingAndPagingInterceptor expansionRankingAndPaging,
            CccdSearchInterceptor cccdSearch,
            DuplicateCitizenOutcomeInterceptor duplicateCitizen,
            IInterceptorService storageInterceptors,
            ValidationReportingInterceptor validationReporting,
            ObjectProvider<ProfileEnforcementInterceptor> profileEnforcement,
            ObjectProvider<Icd10RestrictionInterceptor> icd10Restrictions,
            ObjectProvider<DocumentSignatureInterceptor> documentSignatures,
            ObjectProvider<ConsentInterceptor> recordAccess,
            ObjectProvider<UnsharedRecordSearchNarrowing> unsharedRecordNarrowing,
            ObjectProvider<JudgedResourceReuse> judgedResourceReuse,
            ObjectProvider<RecordWriteRules> recordWriteRules,
            ObjectProvider<CachingCitizenRecordLookup> citizenRecords,
            NhrSecurityProperties security,
            ObjectProvider<BalpAuditCaptureInterceptor> balpAudit,
            ObjectProvider<RecordAccessAuditInterceptor> recordAccessAudit,
            ObjectProvider<AccessDenialAuditInterceptor> accessDenialAudit,
            ObjectProvider<AuditReferencesDeleteInterceptor> auditReferencesDelete,
            ObjectProvider<PrescriptionStatusInterceptor> prescriptionStatus,
            ObjectProvider<MedicationDispenseInterceptor> medicationDispense,
            ObjectProvider<DuplicateDoseInterceptor> duplicateDose,
            ObjectProvider<DemographicConflictInterceptor> demographicConflict,
            DocumentBundleResourceProvider documentBundles,
            DocumentStorageGuard documentStorageGuard,
            DischargePaperOperationProvider dischargePaper,
            ObjectProvider<SubscriptionWriteInterceptor> subscriptionWrites,
            ObjectProvider<SubscriptionDeliveryGuard> subscriptionDeliveries,
            ObjectProvider<PatientMergeAuditInterceptor> mergeAudit,
            PatientMergeInterceptor patientMergeRules,
            EverythingNarrowingInterceptor everythingNarrowing,
            StaleVersionOutcomeInterceptor staleVersion,
            ObjectProvider<ProvincePartitionInterceptor> provincePartitions) {
        RestfulServer server = new RestfulServer(systemDao.getContext());
        // Records carry the narrative their author wrote; the server does not invent one.
        systemDao.getContext().setNarrativeGenerator(new NullNarrativeGenerator());

        // HAPI's Bundle provider gives way to ours: a document sent to /Bundle is stored with its entries
        List<Object> providers = new ArrayList<>(resourceProviders.createProviders());
        providers.removeIf(p -> p instanceof IResourceProvider r && r.getResourceType() == Bundle.class);
        providers.add(documentBundles);
        server.registerProviders(providers);
        server.registerProvider(systemProvider);
        server.registerProvider(valueSetOperations);
        server.registerProvider(healthRecordSummary); // Patient/$summary (operations/summary)
        // Composition/{id}/$document is HAPI's (on its Composition provider); $render prints the discharge paper
        server.registerProvider(dischargePaper);
        server.registerProvider(importXml130); // $import-xml130 (operations/importxml130)
        // Patient/$merge (and $hapi.fhir.undo-merge): HAPI's, administrators only
        // (ResourceKinds.ADMINISTRATOR_OPERATIONS); judged first by patient/PatientMergeInterceptor.
        server.registerProvider(patientMerge);
        // CodeSystem/$upload-external-code-system: SNOMED CT and LOINC releases parsed by HAPI's own
        // loader (nhr-load snomed|loinc). It replaces whole code systems: administrators only
        // (ResourceKinds.ADMINISTRATOR_OPERATIONS).
        server.registerProvider(terminologyUploader);

        JpaCapabilityStatementProvider capability = new JpaCapabilityStatementProvider(
                server, systemDao, storageSettings, searchParamRegistry, validationSupport);
        capability.setImplementationDescription(CapabilityStatementInterceptor.SOFTWARE_NAME);
        server.setServerConformanceProvider(capability);

        server.setPagingProvider(pagingProvider);
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setDefaultPrettyPrint(false);
        server.setServerAddressStrategy(fhir.getPublicBaseUrl() == null || fhir.getPublicBaseUrl().isBlank()
                ? new IncomingRequestAddressStrategy()
                : new HardcodedServerAddressStrategy(fhir.getPublicBaseUrl()));

        registerPartitioning(storageInterceptors, provincePartitions.getIfAvailable());
        registerInterceptors(server, capabilityStatementInterceptor, icd10CodeSpelling, expansionRankingAndPaging,
                cccdSearch, duplicateCitizen, validationReporting);
        registerVendorApi(server, everythingNarrowing, staleVersion);
        server.registerInterceptor(new SecurityCapabilityInterceptor(security));
        registerAudit(server, storageInterceptors, balpAudit.getIfAvailable(), recordAccessAudit.getIfAvailable(),
                accessDenialAudit.getIfAvailable(), auditReferencesDelete.getIfAvailable(), mergeAudit.getIfAvailable());
        registerAccessControl(server, storageInterceptors, recordAccess.getIfAvailable(), recordWriteRules.getIfAvailable(),
                citizenRecords.getIfAvailable(), unsharedRecordNarrowing.getIfAvailable(), judgedResourceReuse.getIfAvailable());
        registerStorageInterceptors(storageInterceptors, profileEnforcement.getIfAvailable(),
                icd10Restrictions.getIfAvailable(), documentSignatures.getIfAvailable());
        // a document Bundle is stored only with its entries (document/), by every write path
        storageInterceptors.registerInterceptor(documentStorageGuard);
        registerRecordRules(server, storageInterceptors, prescriptionStatus.getIfAvailable(),
                medicationDispense.getIfAvailable(), duplicateDose.getIfAvailable(), demographicConflict.getIfAvailable());
        registerNotifications(storageInterceptors, subscriptionWrites.getIfAvailable(), subscriptionDeliveries.getIfAvailable());
        registerPatientMerge(server, storageInterceptors, patientMergeRules);
        return server;
    }

    /**
     * Which partition each write goes to and which partitions reads see (partition/, ADR 18), on the
     * storage service so every write path is covered. Absent with {@code nhr.partitioning.mode=NONE}
     * (the default): HAPI's partitioning is then off.
     */
    private static void registerPartitioning(IInterceptorService storage, ProvincePartitionInterceptor provincePartitions) {
        if (provincePartitions != null) {
            storage.registerInterceptor(provincePartitions);
        }
    }

    /** Every REST-layer interceptor, in one list. */
    private static void registerInterceptors(RestfulServer server, CapabilityStatementInterceptor capability,
            Icd10CodeSpellingInterceptor icd10CodeSpelling, ExpansionRankingAndPagingInterceptor expansionRankingAndPaging,
            CccdSearchInterceptor cccdSearch, DuplicateCitizenOutcomeInterceptor duplicateCitizen,
            ValidationReportingInterceptor validationReporting) {
        server.registerInterceptor(new ResponseHighlighterInterceptor()); // readable HTML for browsers only
        server.registerInterceptor(capability);
        server.registerInterceptor(icd10CodeSpelling);
        server.registerInterceptor(expansionRankingAndPaging);
        server.registerInterceptor(cccdSearch);
        server.registerInterceptor(duplicateCitizen);
        server.registerInterceptor(validationReporting);
    }

    /**
     * What vendors' clients rely on beyond plain REST: the OpenAPI description and Swagger UI of the
     * API ({@code /fhir/api-docs}, {@code /fhir/swagger-ui/}: HAPI's interceptor answers them before
     * any access rule runs; they hold no record data, and every call
     * made from the page needs a token like any other), {@code _type}/{@code _since} of
     * {@code $everything}, and a helpful 412 for a stale {@code If-Match}.
     */
    private static void registerVendorApi(RestfulServer server, EverythingNarrowingInterceptor everythingNarrowing,
            StaleVersionOutcomeInterceptor staleVersion) {
        server.registerInterceptor(new OpenApiCharsetInterceptor());
        server.registerInterceptor(new OpenApiInterceptor());
        server.registerInterceptor(everythingNarrowing);
        server.registerInterceptor(staleVersion);
    }

    /**
     * {@code Patient/$merge}: its parameters and the one-record-per-CCCD rule judged before HAPI runs
     * it; the administrator named as agent of the Provenance HAPI writes for it (audit or not); the
     * access log left as it was (on the storage service: large merges run as background jobs).
     */
    private static void registerPatientMerge(RestfulServer server, IInterceptorService storage,
            PatientMergeInterceptor patientMergeRules) {
        server.registerInterceptor(patientMergeRules);
        server.registerInterceptor(new ProvenanceAgentsInterceptor(new AuditContextServices()));
        storage.registerInterceptor(new AuditEventsKeptByMergeInterceptor());
    }

    /**
     * The access log (issue 5, rule 8). On the REST server: HAPI's BALP capture (reads, searches,
     * writes) and ours for what it does not cover (history, operations, refusals); registered before
     * the consent filter so that, at the same hook, they see the resources as stored (analysts get
     * de-identified copies afterwards) and so still link each event to the citizen's Patient. BALP
     * must not go on the JPA service: internal writes (the audit writer's own) would reach it
     * without a servlet request. On the JPA service: AuditEvents do not block deleting what they name.
     */
    private static void registerAudit(RestfulServer server, IInterceptorService storage, BalpAuditCaptureInterceptor balp,
            RecordAccessAuditInterceptor recordAccess, AccessDenialAuditInterceptor denials,
            AuditReferencesDeleteInterceptor referencesDelete, PatientMergeAuditInterceptor mergeAudit) {
        if (balp == null) {
            return; // nhr.audit.enabled=false
        }
        server.registerInterceptor(balp);
        server.registerInterceptor(recordAccess);
        server.registerInterceptor(denials);
        server.registerInterceptor(mergeAudit);
        storage.registerInterceptor(referencesDelete);
    }

    /**
     * Who may see and write what. Reading is judged by HAPI's ConsentInterceptor on the REST server
     * (it needs the request's start, every resource about to be returned, and the response); writing
     * by the storage hooks, below REST, for every write path.
     */
    private static void registerAccessControl(RestfulServer server, IInterceptorService storage,
            ConsentInterceptor recordAccess, RecordWriteRules recordWriteRules, CachingCitizenRecordLookup citizenRecords,
            UnsharedRecordSearchNarrowing unsharedRecordNarrowing, JudgedResourceReuse judgedResourceReuse) {
        if (citizenRecords != null) {
            storage.registerInterceptor(citizenRecords); // evicts a citizen's cached Consents when they change
        }
        if (recordAccess != null) {
            server.registerInterceptor(new ConsentFilterEdgesInterceptor());
            server.registerInterceptor(recordAccess);
        }
        if (judgedResourceReuse != null) {
            server.registerInterceptor(judgedResourceReuse); // loads what the consent check judges, for the answer to reuse
        }
        if (unsharedRecordNarrowing != null) {
            server.registerInterceptor(unsharedRecordNarrowing); // loads less; the consent check still judges what is left
        }
        if (recordWriteRules != null) {
            storage.registerInterceptor(recordWriteRules);
        }
    }

    /**
     * Every storage-layer interceptor: rules that must hold however a resource is written (REST,
     * transaction, operation, background job) sit on HAPI's JPA interceptor service, below REST.
     * Absent ones are switched off by configuration.
     */
    private static void registerStorageInterceptors(IInterceptorService storage,
            ProfileEnforcementInterceptor profileEnforcement, Icd10RestrictionInterceptor icd10Restrictions,
            DocumentSignatureInterceptor documentSignatures) {
        if (profileEnforcement != null) {
            storage.registerInterceptor(profileEnforcement);
        }
        if (documentSignatures != null) {
            storage.registerInterceptor(documentSignatures);
        }
        if (icd10Restrictions != null) {
            storage.registerInterceptor(icd10Restrictions); // after the profile check: needs a well-formed Condition
        }
    }

    /**
     * Rules about what is already stored (issue 6): prescription status transitions and dispensing,
     * duplicate doses, a citizen's demographics. On the storage layer like the profile check, after
     * it (they read well-formed resources; the demographic rule orders itself before it, by its hook
     * order). A conditional {@code POST Patient} that matches stores nothing and reaches no storage
     * hook, so that one case is judged on the REST server, after access control. Absent when
     * {@code nhr.validation.enabled=false}.
     */
    private static void registerRecordRules(RestfulServer server, IInterceptorService storage,
            PrescriptionStatusInterceptor prescriptionStatus, MedicationDispenseInterceptor medicationDispense,
            DuplicateDoseInterceptor duplicateDose, DemographicConflictInterceptor demographicConflict) {
        if (prescriptionStatus != null) {
            storage.registerInterceptor(prescriptionStatus);
        }
        if (medicationDispense != null) {
            storage.registerInterceptor(medicationDispense);
        }
        if (duplicateDose != null) {
            storage.registerInterceptor(duplicateDose);
        }
        if (demographicConflict != null) {
            storage.registerInterceptor(demographicConflict);
            server.registerInterceptor(new ConditionalPatientCreateInterceptor(demographicConflict));
        }
    }

    /**
     * Notifications (issue 6, item 7), on the JPA interceptor service: who may subscribe to what,
     * on every Subscription write (after RecordWriteRules, before HAPI's own Subscription checks);
     * and, on HAPI's delivery pointcuts, the consent check for the Subscription's owner and the
     * id-only payload. The guard is absent when {@code nhr.subscriptions.enabled=false}.
     */
    private static void registerNotifications(IInterceptorService storage, SubscriptionWriteInterceptor writes,
            SubscriptionDeliveryGuard deliveries) {
        if (writes != null) {
            storage.registerInterceptor(writes);
        }
        if (deliveries != null) {
            storage.registerInterceptor(deliveries);
        }
    }

    @Bean
    ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer server) {
        ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, FHIR_PATH + "/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(NhrFhirProperties fhir) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestSizeLimitFilter(fhir.getMaxRequestSize().toBytes()));
        registration.addUrlPatterns(FHIR_PATH + "/*");
        registration.setOrder(0);
        return registration;
    }
}
