package vn.ehealth.nhr.server.operations.summary;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.ips.generator.IpsGeneratorSvcImpl;
import ca.uhn.fhir.jpa.ips.provider.IpsOperationProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code Patient/[id]/$summary} and {@code Patient/$summary?identifier=}: HAPI's patient-summary
 * operation (its OperationDefinition is served at {@code /fhir/OperationDefinition/Patient-i-summary}
 * and {@code Patient-t-summary}) driven by {@link HealthRecordSummaryStrategy}. Registered on the
 * REST server in {@code RestfulServerConfig}.
 */
@Configuration(proxyBeanMethods = false)
public class SummaryOperationConfig {

    @Bean
    HealthRecordSummaryStrategy healthRecordSummaryStrategy(DaoRegistry daos, FhirContext fhirContext) {
        HealthRecordSummaryStrategy strategy = new HealthRecordSummaryStrategy();
        strategy.setDaoRegistry(daos);
        strategy.setFhirContext(fhirContext);
        return strategy; // HAPI's generator initializes it
    }

    @Bean
    IpsOperationProvider healthRecordSummaryOperation(FhirContext fhirContext, HealthRecordSummaryStrategy strategy) {
        return new IpsOperationProvider(new IpsGeneratorSvcImpl(fhirContext, strategy));
    }
}
