package vn.ehealth.nhr.server.config;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.TerminologyUploaderProvider;
import ca.uhn.fhir.jpa.provider.ValueSetOperationProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.ehealth.nhr.server.capability.CapabilityStatementInterceptor;
import vn.ehealth.nhr.server.http.RequestSizeLimitFilter;
import vn.ehealth.nhr.server.terminology.ExpansionRankingAndPagingInterceptor;
import vn.ehealth.nhr.server.terminology.Icd10CodeSpellingInterceptor;

/**
 * The FHIR REST endpoint at {@code /fhir}: HAPI's RestfulServer with the JPA resource providers.
 *
 * <p>This is the one place where interceptors are registered on the server, in the order they
 * run. Each concern (capability statement today; security, consent, audit and validation as they
 * arrive) is its own interceptor class, tested alone and through HTTP.
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
            TerminologyUploaderProvider terminologyUploader,
            JpaStorageSettings storageSettings,
            ISearchParamRegistry searchParamRegistry,
            IValidationSupport validationSupport,
            DatabaseBackedPagingProvider pagingProvider,
            NhrFhirProperties fhir,
            CapabilityStatementInterceptor capabilityStatementInterceptor,
            Icd10CodeSpellingInterceptor icd10CodeSpelling,
            ExpansionRankingAndPagingInterceptor expansionRankingAndPaging) {
        RestfulServer server = new RestfulServer(systemDao.getContext());
        // Records carry the narrative their author wrote; the server does not invent one.
        systemDao.getContext().setNarrativeGenerator(new NullNarrativeGenerator());

        server.registerProviders(resourceProviders.createProviders());
        server.registerProvider(systemProvider);
        server.registerProvider(valueSetOperations);
        // CodeSystem/$upload-external-code-system: SNOMED CT and LOINC releases parsed by HAPI's own
        // loader (nhr-load snomed|loinc). It replaces whole code systems, so it must become
        // administrator-only when sign-in arrives; the security work restricts it.
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

        registerInterceptors(server, capabilityStatementInterceptor, icd10CodeSpelling, expansionRankingAndPaging);
        return server;
    }

    /** Every server interceptor, in one list. */
    private static void registerInterceptors(RestfulServer server, CapabilityStatementInterceptor capability,
            Icd10CodeSpellingInterceptor icd10CodeSpelling, ExpansionRankingAndPagingInterceptor expansionRankingAndPaging) {
        server.registerInterceptor(new ResponseHighlighterInterceptor()); // readable HTML for browsers only
        server.registerInterceptor(capability);
        server.registerInterceptor(icd10CodeSpelling);
        server.registerInterceptor(expansionRankingAndPaging);
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
