package vn.ehealth.nhr.loaders;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.OperationOutcome;

import java.util.stream.Collectors;

/** A FHIR client for a loader's {@code --server} and {@code --token}, and a readable account of a refusal. */
public final class ServerConnection {

    private ServerConnection() {
    }

    public static IGenericClient client(String server, String token) {
        FhirContext fhir = FhirContext.forR4Cached();
        // loaders talk to NHR servers only: no /metadata round trip before every request
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = fhir.newRestfulGenericClient(server);
        if (token != null && !token.isBlank()) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        }
        return client;
    }

    /** "HTTP 422: diagnostics; diagnostics" from the server's OperationOutcome, else its message. */
    public static String describe(BaseServerResponseException e) {
        if (e.getOperationOutcome() instanceof OperationOutcome oo && oo.hasIssue()) {
            return "HTTP " + e.getStatusCode() + ": " + oo.getIssue().stream()
                    .map(i -> i.getDiagnostics() != null ? i.getDiagnostics() : i.getDetails().getText())
                    .collect(Collectors.joining("; "));
        }
        return "HTTP " + e.getStatusCode() + ": " + e.getMessage();
    }
}
