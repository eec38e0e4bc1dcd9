package vn.ehealth.nhr.server.partition;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.svc.IIdHelperService;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.ehealth.nhr.server.config.NhrPartitioningProperties;

/**
 * The province partitioning interceptor, created only with {@code nhr.partitioning.mode=PROVINCE}
 * (registered with the others in {@code RestfulServerConfig}); with the default {@code NONE} nothing
 * here exists and HAPI's partitioning stays off ({@code HapiJpaServerConfig.partitionSettings}).
 */
@Configuration(proxyBeanMethods = false)
public class PartitioningConfig {

    /** {@code null} (no bean) unless the mode is PROVINCE: decided by the same typed setting as the PartitionSettings. */
    @Bean
    ProvincePartitionInterceptor provincePartitionInterceptor(NhrPartitioningProperties partitioning, FhirContext fhir,
            PartitionSettings settings, IHapiTransactionService transactions, IIdHelperService<JpaPid> ids, DaoRegistry daos,
            MatchUrlService matchUrls) {
        if (!partitioning.isByProvince()) {
            return null;
        }
        ProvincePartitions provinces = new ProvincePartitions(settings);
        return new ProvincePartitionInterceptor(fhir, provinces,
                new JpaStoredPartitions(fhir, transactions, ids, daos, matchUrls, provinces));
    }
}
