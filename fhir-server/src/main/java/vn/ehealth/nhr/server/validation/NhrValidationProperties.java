package vn.ehealth.nhr.server.validation;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Enforcement of the national guide on writes. Env: {@code NHR_VALIDATION_ENABLED},
 * {@code NHR_VALIDATION_ICD10_RESTRICTIONS}, {@code NHR_VALIDATION_SIGNATURE_TRUST_ANCHORS}.
 */
@Validated
@ConfigurationProperties("nhr.validation")
public class NhrValidationProperties {

    /** What a broken ICD-10 sex/age restriction does to a write. */
    public enum Icd10Restrictions { OFF, WARNING, ERROR }

    /**
     * Validate every create, update and transaction entry against the guide (off only to measure
     * the cost of validation against plain HAPI; never in production).
     */
    private boolean enabled = true;

    /** A Condition whose ICD-10 code is restricted to another sex or age than the patient's. */
    @NotNull
    private Icd10Restrictions icd10Restrictions = Icd10Restrictions.WARNING;

    /**
     * PEM file of the certification authorities whose certificates may sign discharge documents;
     * empty: a signature is checked for integrity only (the signer is not checked).
     */
    private String signatureTrustAnchors;

    public String getSignatureTrustAnchors() {
        return signatureTrustAnchors;
    }

    public void setSignatureTrustAnchors(String signatureTrustAnchors) {
        this.signatureTrustAnchors = signatureTrustAnchors;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Icd10Restrictions getIcd10Restrictions() {
        return icd10Restrictions;
    }

    public void setIcd10Restrictions(Icd10Restrictions icd10Restrictions) {
        this.icd10Restrictions = icd10Restrictions;
    }
}
