package vn.ehealth.nhr.server.terminology;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class Icd10CodeSpellingInterceptorTest {

    private final Icd10CodeSpellingInterceptor interceptor = new Icd10CodeSpellingInterceptor();

    private static SystemRequestDetails request(String operation, Map<String, String[]> params) {
        SystemRequestDetails r = new SystemRequestDetails();
        r.setOperation(operation);
        r.setParameters(new HashMap<>(params));
        return r;
    }

    @Test
    void hospitalSpellingsOfIcd10CodesBecomeTheWhoForm() {
        SystemRequestDetails r = request("$lookup",
                Map.of("system", new String[] {"http://hl7.org/fhir/sid/icd-10"}, "code", new String[] {"a090"}));
        interceptor.normaliseIcd10Codes(r);
        assertThat(r.getParameters().get("code")).containsExactly("A09.0");

        SystemRequestDetails s = request("$subsumes", Map.of("system", new String[] {"http://hl7.org/fhir/sid/icd-10"},
                "codeA", new String[] {"E11"}, "codeB", new String[] {"E11.2†"}));
        interceptor.normaliseIcd10Codes(s);
        assertThat(s.getParameters().get("codeA")).containsExactly("E11");
        assertThat(s.getParameters().get("codeB")).containsExactly("E11.2");
    }

    @Test
    void otherSystemsAndUnparseableCodesAreLeftAlone() {
        SystemRequestDetails other = request("$lookup",
                Map.of("system", new String[] {"http://snomed.info/sct"}, "code", new String[] {"a090"}));
        interceptor.normaliseIcd10Codes(other);
        assertThat(other.getParameters().get("code")).containsExactly("a090");

        SystemRequestDetails junk = request("$validate-code",
                Map.of("url", new String[] {"http://hl7.org/fhir/sid/icd-10"}, "code", new String[] {"XYZ-1"}));
        interceptor.normaliseIcd10Codes(junk);
        assertThat(junk.getParameters().get("code")).containsExactly("XYZ-1");
    }

    @Test
    void requestsThatAreNotTerminologyOperationsAreUntouched() {
        SystemRequestDetails search = request(null,
                Map.of("system", new String[] {"http://hl7.org/fhir/sid/icd-10"}, "code", new String[] {"a090"}));
        interceptor.normaliseIcd10Codes(search);
        assertThat(search.getParameters().get("code")).containsExactly("a090");
    }
}
