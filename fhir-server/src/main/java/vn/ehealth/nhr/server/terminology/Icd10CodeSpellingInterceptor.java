package vn.ehealth.nhr.server.terminology;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.springframework.stereotype.Component;
import vn.ehealth.nhr.terminology.Icd10Codes;
import vn.ehealth.nhr.terminology.Icd10Vn;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Lets terminology operations accept ICD-10 codes as hospitals write them. The hospital XML
 * (QĐ 130) writes codes without the dot ("A090"), lower case or with the dagger/asterisk mark of
 * the paper list ("E11.2†"); the code system holds the WHO form ("A09.0"). Before HAPI handles
 * {@code $lookup}, {@code $validate-code} or {@code $subsumes} on ICD-10, the code parameters are
 * rewritten to that form (rule in {@link Icd10Codes}); anything that is not an ICD-10 spelling is
 * left alone for HAPI to refuse.
 */
@Component
@Interceptor
public class Icd10CodeSpellingInterceptor {

    private static final Set<String> OPERATIONS = Set.of("$lookup", "$validate-code", "$subsumes");
    private static final Set<String> SYSTEM_PARAMETERS = Set.of("system", "url");
    private static final Set<String> CODE_PARAMETERS = Set.of("code", "codeA", "codeB");

    /** Runs after HAPI picked the operation and before it binds the parameters (PRE_HANDLED is too late). */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean normaliseIcd10Codes(RequestDetails request) {
        if (request.getOperation() == null || !OPERATIONS.contains(request.getOperation())
                || !namesIcd10(request.getParameters())) {
            return true;
        }
        Map<String, String[]> rewritten = new HashMap<>(request.getParameters());
        for (String name : CODE_PARAMETERS) {
            String[] values = rewritten.get(name);
            if (values != null) {
                String[] normalised = values.clone();
                for (int i = 0; i < normalised.length; i++) {
                    normalised[i] = Icd10Codes.normalise(normalised[i]).orElse(normalised[i]);
                }
                rewritten.put(name, normalised);
            }
        }
        request.setParameters(rewritten);
        return true;
    }

    private static boolean namesIcd10(Map<String, String[]> parameters) {
        for (String name : SYSTEM_PARAMETERS) {
            String[] values = parameters.get(name);
            if (values != null) {
                for (String v : values) {
                    if (Icd10Vn.SYSTEM.equals(v)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
