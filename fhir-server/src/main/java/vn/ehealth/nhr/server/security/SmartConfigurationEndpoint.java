package vn.ehealth.nhr.server.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.ehealth.nhr.server.http.OperationOutcomeJson;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * {@code [base]/.well-known/smart-configuration} (SMART App Launch v2), public: where apps find the
 * realm's authorization and token endpoints. Served at the FHIR base ({@code /fhir/.well-known/…},
 * as SMART requires) and at the site root. A filter, because {@code /fhir/*} belongs to HAPI's
 * servlet, which would read {@code .well-known} as a resource type. In the sandbox there is no
 * authorization server: 404 with an OperationOutcome that says so.
 */
public class SmartConfigurationEndpoint extends OncePerRequestFilter {

    public static final String[] PATHS = {"/.well-known/smart-configuration", "/fhir/.well-known/smart-configuration"};

    private final byte[] document;

    public SmartConfigurationEndpoint(NhrSecurityProperties security, ObjectMapper json) throws IOException {
        this.document = security.isSandbox() ? null
                : json.writeValueAsBytes(SmartConfiguration.forKeycloakRealm(URI.create(security.getIssuerUri().strip())));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Cache-Control", "public, max-age=3600");
        if (document == null) {
            response.setStatus(404);
            response.setContentType("application/fhir+json;charset=UTF-8");
            response.getOutputStream().write(OperationOutcomeJson.error("not-found",
                    "Open sandbox: no authorization server is configured (nhr.security.issuer-uri), so there is no "
                            + "SMART configuration.").getBytes(StandardCharsets.UTF_8));
            return;
        }
        response.setContentType("application/json");
        response.getOutputStream().write(document);
    }
}
