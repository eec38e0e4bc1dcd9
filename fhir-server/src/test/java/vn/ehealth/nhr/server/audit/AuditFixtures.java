package vn.ehealth.nhr.server.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.mock.web.MockHttpServletRequest;
import vn.ehealth.nhr.server.consent.Accessor;
import vn.ehealth.nhr.server.security.AccessContext;
import vn.ehealth.nhr.server.security.SmartScopes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Callers, HAPI requests and a recording sink for the audit tests. */
final class AuditFixtures {

    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final String BASE = "http://localhost:8080/fhir";
    private static final RestfulServer SERVER = new RestfulServer(FHIR);

    private AuditFixtures() {
    }

    static AccessContext signedIn(Accessor accessor, String purposeOfUse, String justification) {
        return new AccessContext(accessor, SmartScopes.parse("user/*.rs"), "sub-1", "clinician-portal", "bs.lan",
                purposeOfUse, justification, AccessContext.Mode.SIGNED_IN);
    }

    static AccessContext practitioner() {
        return signedIn(Accessor.practitioner("000123/HNO-CCHN", "01001"), null, null);
    }

    static AuditContextServices services(AccessContext context) {
        return new AuditContextServices(request -> Optional.ofNullable(context));
    }

    /** A HAPI request as the RestfulServer would have parsed it. */
    static ServletRequestDetails request(RequestTypeEnum method, RestOperationTypeEnum operation, String path,
            String... parameters) {
        MockHttpServletRequest http = new MockHttpServletRequest(method.name(), "/fhir/" + path);
        http.setRemoteAddr("10.1.2.3");
        ServletRequestDetails request = new ServletRequestDetails();
        request.setServer(SERVER);
        request.setServletRequest(http);
        request.setRequestType(method);
        request.setRestOperationType(operation);
        request.setFhirServerBase(BASE);
        request.setRequestPath(path);
        request.setRequestId("req-1");
        Map<String, String[]> params = new LinkedHashMap<>();
        StringBuilder query = new StringBuilder();
        for (int i = 0; i + 1 < parameters.length; i += 2) {
            params.put(parameters[i], new String[] {parameters[i + 1]});
            query.append(query.length() == 0 ? "?" : "&").append(parameters[i]).append('=').append(parameters[i + 1]);
        }
        request.setParameters(params);
        request.setCompleteUrl(BASE + "/" + path + query);
        String[] segments = path.split("/");
        if (segments.length > 0 && !segments[0].isEmpty() && Character.isUpperCase(segments[0].charAt(0))) {
            request.setResourceName(segments[0]);
            if (segments.length >= 2 && !segments[1].startsWith("$") && !segments[1].startsWith("_")) {
                request.setId(new IdType(segments[0], segments[1]));
            }
        }
        return request;
    }

    static String query(AuditEvent event) {
        return event.getEntity().stream().filter(e -> "24".equals(e.getRole().getCode())).findFirst()
                .map(e -> new String(e.getQuery(), StandardCharsets.UTF_8)).orElse(null);
    }

    static List<String> patients(AuditEvent event) {
        return event.getEntity().stream().filter(e -> "1".equals(e.getRole().getCode()))
                .map(e -> e.getWhat().getReference()).toList();
    }

    /** Keeps what it is given. */
    static final class RecordingSink implements IBalpAuditEventSink {
        final List<AuditEvent> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void recordAuditEvent(AuditEvent event) {
            events.add(event);
        }
    }
}
