package vn.ehealth.nhr.server.document;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.ehealth.nhr.ig.validation.GuideValidator;
import vn.ehealth.nhr.server.operations.document.CompositionDocuments;
import vn.ehealth.nhr.server.operations.document.DischargePaperOperationProvider;
import vn.ehealth.nhr.server.operations.document.DischargePaperRenderer;
import vn.ehealth.nhr.server.operations.document.Icd10Names;
import vn.ehealth.nhr.server.validation.NhrValidationProperties;

/**
 * Discharge documents (issue 6, item 4): receiving them ({@link DocumentBundleResourceProvider},
 * {@link DischargeDocumentService}, {@link DocumentStorageGuard}) and reading them back
 * ({@code Composition/{id}/$document} is HAPI's; {@code $render} is {@link DischargePaperOperationProvider}).
 * Registered on the REST server and the storage layer in {@code RestfulServerConfig}.
 */
@Configuration(proxyBeanMethods = false)
public class DocumentConfig {

    @Bean
    @SuppressWarnings("unchecked")
    DischargeDocumentService dischargeDocumentService(FhirContext fhirContext, DaoRegistry daos,
            IFhirSystemDao<?, ?> systemDao, IHapiTransactionService transactions, ObjectProvider<GuideValidator> validator,
            NhrValidationProperties validation) {
        // the guide's findings are added to a refusal only when the guide is enforced at all
        return new DischargeDocumentService(fhirContext, daos, (IFhirSystemDao<Bundle, ?>) systemDao, transactions,
                validation.isEnabled() ? validator.getIfAvailable() : null);
    }

    @Bean
    DocumentBundleResourceProvider documentBundleResourceProvider(DischargeDocumentService documents, FhirContext fhirContext,
            DaoRegistry daos) {
        DocumentBundleResourceProvider provider = new DocumentBundleResourceProvider(documents);
        provider.setContext(fhirContext);
        provider.setDao(daos.getResourceDao(Bundle.class));
        return provider;
    }

    @Bean
    DocumentStorageGuard documentStorageGuard() {
        return new DocumentStorageGuard();
    }

    @Bean
    DischargePaperOperationProvider dischargePaperOperation(FhirContext fhirContext, DaoRegistry daos,
            IValidationSupport terminology) {
        return new DischargePaperOperationProvider(new CompositionDocuments(daos), new DischargePaperRenderer(fhirContext),
                new Icd10Names(terminology));
    }
}
