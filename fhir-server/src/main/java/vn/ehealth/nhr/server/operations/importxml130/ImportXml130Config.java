package vn.ehealth.nhr.server.operations.importxml130;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import org.hl7.fhir.r4.model.Bundle;
import vn.ehealth.nhr.loaders.xml130.EnvelopeSignature;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code $import-xml130} (issue 7): the provider, registered on the REST server in
 * {@code RestfulServerConfig}. HAPI generates its OperationDefinition from the annotations, served
 * at {@code /fhir/OperationDefinition/-s-import-xml130} and listed in the CapabilityStatement.
 */
@Configuration(proxyBeanMethods = false)
public class ImportXml130Config {

    @Bean
    ImportXml130Provider importXml130Provider(IFhirSystemDao<Bundle, ?> systemDao, DaoRegistry daos) {
        // bodies are at most nhr.fhir.max-request-size (20 MB by default), below the signature-check limit
        return new ImportXml130Provider(systemDao, daos, EnvelopeSignature.DEFAULT_LIMIT_BYTES);
    }
}
