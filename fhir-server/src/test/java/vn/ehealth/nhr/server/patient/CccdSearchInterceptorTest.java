package vn.ehealth.nhr.server.patient;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CccdSearchInterceptorTest {

    private static final String SYSTEM = "http://fhir.ehealth.gov.vn/core/sid/national_id";

    @Test
    void aBareCccdGetsTheCitizenIdSystemAndQualifiedOnesAreKept() {
        assertThat(CccdSearchInterceptor.qualify("001085012345")).isEqualTo(SYSTEM + "|001085012345");
        assertThat(CccdSearchInterceptor.qualify(SYSTEM + "|001085012345")).isEqualTo(SYSTEM + "|001085012345");
        assertThat(CccdSearchInterceptor.qualify("001085012345,079301004567"))
                .isEqualTo(SYSTEM + "|001085012345," + SYSTEM + "|079301004567");
    }

    @Test
    void onlyPatientSearchesAreTouched() {
        SystemRequestDetails patient = new SystemRequestDetails();
        patient.setResourceName("Patient");
        patient.setParameters(Map.of("cccd", new String[] {"001085012345"}, "_count", new String[] {"5"}));
        new CccdSearchInterceptor().qualifyCccdValues(patient);
        assertThat(patient.getParameters().get("cccd")).containsExactly(SYSTEM + "|001085012345");
        assertThat(patient.getParameters().get("_count")).containsExactly("5");

        SystemRequestDetails other = new SystemRequestDetails();
        other.setResourceName("Observation");
        other.setParameters(Map.of("cccd", new String[] {"001085012345"}));
        new CccdSearchInterceptor().qualifyCccdValues(other);
        assertThat(other.getParameters().get("cccd")).containsExactly("001085012345");
    }
}
