package vn.ehealth.nhr.server.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.ehealth.nhr.ig.validation.GuideValidator;
import vn.ehealth.nhr.profiles.DocumentSignature;
import vn.ehealth.nhr.profiles.Icd10RestrictionRule;
import vn.ehealth.nhr.terminology.Icd10Restrictions;
import vn.ehealth.nhr.terminology.Icd10Vn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The guide's validator and the interceptors that enforce it (registered with the others in
 * {@code RestfulServerConfig}). With {@code nhr.validation.enabled=false} the interceptors are not
 * created: the server then stores what plain HAPI would (for measuring the cost of validation).
 */
@Configuration(proxyBeanMethods = false)
public class ValidationConfig {

    private static final Logger LOG = LoggerFactory.getLogger(ValidationConfig.class);

    /** HAPI's bean name for the instance validator its {@code $validate} uses. */
    static final String HAPI_INSTANCE_VALIDATOR = "myInstanceValidator";

    /**
     * The record rules' locks (duplicate dose, dispensed quantity): PostgreSQL advisory locks, which hold
     * across replicas; none on the embedded database, which serves one developer's server.
     */
    @Bean
    RecordWriteLocks recordWriteLocks(vn.ehealth.nhr.server.config.NhrDatabaseProperties db,
            jakarta.persistence.EntityManagerFactory entityManagerFactory) {
        return db.getUrl() != null && db.getUrl().startsWith("jdbc:postgresql:")
                ? new PostgresRecordWriteLocks(org.springframework.orm.jpa.SharedEntityManagerCreator
                        .createSharedEntityManager(entityManagerFactory))
                : RecordWriteLocks.none();
    }

    @Bean
    GuideValidator guideValidator(FhirContext fhirContext) {
        return GuideValidator.forShippedGuide(fhirContext);
    }

    /**
     * {@code $validate} uses the guide's validator instead of HAPI's database-backed one, so it
     * answers what a write would be told. Replaced after creation because Spring Boot forbids
     * redefining a bean.
     */
    @Bean
    static BeanPostProcessor guideValidatorForValidateOperation(org.springframework.beans.factory.ObjectProvider<GuideValidator> guide) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return HAPI_INSTANCE_VALIDATOR.equals(beanName) ? new GuideInstanceValidatorModule(guide.getObject()) : bean;
            }
        };
    }

    @Bean
    @ConditionalOnProperty(name = "nhr.validation.enabled", havingValue = "true", matchIfMissing = true)
    ProfileEnforcementInterceptor profileEnforcementInterceptor(FhirContext fhirContext, GuideValidator guideValidator) {
        return new ProfileEnforcementInterceptor(fhirContext, guideValidator);
    }

    @Bean
    @ConditionalOnProperty(name = "nhr.validation.enabled", havingValue = "true", matchIfMissing = true)
    Icd10RestrictionInterceptor icd10RestrictionInterceptor(FhirContext fhirContext, DaoRegistry daos,
                                                           NhrValidationProperties validation) {
        if (validation.getIcd10Restrictions() == NhrValidationProperties.Icd10Restrictions.OFF) {
            return null;
        }
        Icd10RestrictionRule rule = new Icd10RestrictionRule(new Icd10Restrictions(Icd10Vn.codeSystem(fhirContext)));
        return new Icd10RestrictionInterceptor(fhirContext, daos, rule,
                validation.getIcd10Restrictions() == NhrValidationProperties.Icd10Restrictions.ERROR);
    }

    @Bean
    @ConditionalOnProperty(name = "nhr.validation.enabled", havingValue = "true", matchIfMissing = true)
    DocumentSignatureInterceptor documentSignatureInterceptor(FhirContext fhirContext, NhrValidationProperties validation) {
        List<X509Certificate> anchors = trustAnchors(validation.getSignatureTrustAnchors());
        LOG.info(anchors.isEmpty()
                ? "Discharge-document signatures: integrity checked, signers not (nhr.validation.signature-trust-anchors is empty)"
                : "Discharge-document signatures: checked against {} trusted certificate(s)", anchors.size());
        return new DocumentSignatureInterceptor(fhirContext, new DocumentSignature(fhirContext, anchors));
    }

    /** The certificates of a PEM file; a setting that names a missing or unreadable file stops start-up. */
    static List<X509Certificate> trustAnchors(String pemFile) {
        if (pemFile == null || pemFile.isBlank()) {
            return List.of();
        }
        Path path = Path.of(pemFile.trim());
        try (InputStream in = Files.newInputStream(path)) {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new IllegalStateException("nhr.validation.signature-trust-anchors: " + path + " holds no certificate");
            }
            return certificates;
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("nhr.validation.signature-trust-anchors: cannot read certificates from "
                    + path.toAbsolutePath() + " (" + e.getMessage() + ")", e);
        }
    }

    @Bean
    ValidationReportingInterceptor validationReportingInterceptor() {
        return new ValidationReportingInterceptor();
    }
}
