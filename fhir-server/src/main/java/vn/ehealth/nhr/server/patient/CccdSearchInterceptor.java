package vn.ehealth.nhr.server.patient;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.springframework.stereotype.Component;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code Patient?cccd=001085012345} finds the citizen. The guide's {@code cccd} search parameter is
 * also the key of the one-patient-per-citizen unique index, and HAPI answers a search on such a key
 * from that index, which holds "system|value": a bare number would silently find nothing. So a
 * {@code cccd} value without a system gets the CCCD system before HAPI binds the parameters.
 */
@Component
@Interceptor
public class CccdSearchInterceptor {

    static final String PARAMETER = "cccd";

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean qualifyCccdValues(RequestDetails request) {
        String[] values = request.getParameters().get(PARAMETER);
        if (!"Patient".equals(request.getResourceName()) || values == null) {
            return true;
        }
        String[] qualified = values.clone();
        for (int i = 0; i < qualified.length; i++) {
            qualified[i] = qualify(qualified[i]);
        }
        Map<String, String[]> rewritten = new HashMap<>(request.getParameters());
        rewritten.put(PARAMETER, qualified);
        request.setParameters(rewritten);
        return true;
    }

    /** "001085012345" → "…/national_id|001085012345"; each OR-ed value on its own; qualified ones kept. */
    static String qualify(String value) {
        StringBuilder out = new StringBuilder();
        for (String part : value.split(",", -1)) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(part.contains("|") || part.isBlank() ? part : NhrIdentifierSystems.CITIZEN_ID + "|" + part.trim());
        }
        return out.toString();
    }
}
