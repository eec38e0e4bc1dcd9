package vn.ehealth.nhr.server.audit;

import org.junit.jupiter.api.Test;

import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.*;
import static org.assertj.core.api.Assertions.assertThat;

class AuditedRequestTest {

    @Test
    void theInteractionOfARequestHapiHasNotResolvedIsTakenFromMethodAndPath() {
        assertThat(AuditedRequest.classify("GET", "Patient/1")).isEqualTo(READ);
        assertThat(AuditedRequest.classify("GET", "Patient/1/_history/3")).isEqualTo(VREAD);
        assertThat(AuditedRequest.classify("GET", "Patient/1/_history")).isEqualTo(HISTORY_INSTANCE);
        assertThat(AuditedRequest.classify("GET", "Patient/_history")).isEqualTo(HISTORY_TYPE);
        assertThat(AuditedRequest.classify("GET", "_history")).isEqualTo(HISTORY_SYSTEM);
        assertThat(AuditedRequest.classify("GET", "Observation?patient=1")).isEqualTo(SEARCH_TYPE);
        assertThat(AuditedRequest.classify("POST", "Observation/_search")).isEqualTo(SEARCH_TYPE);
        assertThat(AuditedRequest.classify("GET", "Patient/1/Observation")).isEqualTo(SEARCH_TYPE);
        assertThat(AuditedRequest.classify("GET", "")).isEqualTo(SEARCH_SYSTEM);
        assertThat(AuditedRequest.classify("GET", "$export")).isEqualTo(EXTENDED_OPERATION_SERVER);
        assertThat(AuditedRequest.classify("GET", "Patient/$export")).isEqualTo(EXTENDED_OPERATION_TYPE);
        assertThat(AuditedRequest.classify("GET", "Patient/1/$everything")).isEqualTo(EXTENDED_OPERATION_INSTANCE);
        assertThat(AuditedRequest.classify("POST", "")).isEqualTo(TRANSACTION);
        assertThat(AuditedRequest.classify("POST", "Patient")).isEqualTo(CREATE);
        assertThat(AuditedRequest.classify("PUT", "Patient/1")).isEqualTo(UPDATE);
        assertThat(AuditedRequest.classify("PATCH", "Patient/1")).isEqualTo(PATCH);
        assertThat(AuditedRequest.classify("DELETE", "Patient/1")).isEqualTo(DELETE);
        assertThat(AuditedRequest.classify("GET", "metadata")).isEqualTo(METADATA);
    }

    @Test
    void patientReferencesInAnyFormBecomeRelative() {
        assertThat(AuditedRequest.patientReferenceOf("123")).isEqualTo("Patient/123");
        assertThat(AuditedRequest.patientReferenceOf("Patient/123")).isEqualTo("Patient/123");
        assertThat(AuditedRequest.patientReferenceOf("http://nhr.example/fhir/Patient/123/_history/2")).isEqualTo("Patient/123");
        assertThat(AuditedRequest.patientReferenceOf("Group/5")).isNull();
        assertThat(AuditedRequest.patientReferenceOf("http://x/sid|123")).isNull();
    }
}
