package vn.ehealth.nhr.server.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@link AccessContext} of a HAPI request, built once per HTTP request and kept on the servlet
 * request, so the sub-requests HAPI makes for transaction and batch entries share it.
 *
 * <p>Internal work (start-up installs, the audit writer, loaders calling the DAOs) runs with a
 * {@link SystemRequestDetails} and no HTTP request: {@link #of} then answers empty, and the access
 * rules do not apply to it. Nothing reachable over HTTP runs that way.
 */
public final class AccessContexts {

    /** Header declaring a v3 PurposeOfUse code; {@code ETREAT} = emergency access (break the glass). */
    public static final String PURPOSE_OF_USE_HEADER = "X-NHR-Purpose-Of-Use";
    /** Header carrying the mandatory justification of emergency access, percent-encoded UTF-8. */
    public static final String JUSTIFICATION_HEADER = "X-NHR-Emergency-Justification";

    private static final String ATTRIBUTE = AccessContext.class.getName();

    private AccessContexts() {
    }

    /** The caller of an HTTP request; empty for internal work. */
    public static Optional<AccessContext> of(RequestDetails request) {
        if (!(request instanceof ServletRequestDetails servlet) || servlet.getServletRequest() == null) {
            return Optional.empty();
        }
        return Optional.of(of(servlet.getServletRequest()));
    }

    /**
     * The caller of the HTTP request this thread is serving (for code HAPI calls without the
     * request, such as audit sinks); empty on internal threads.
     */
    public static Optional<AccessContext> current() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return Optional.of(of(attributes.getRequest()));
        }
        return Optional.empty();
    }

    /** The caller of an HTTP request (built on first use, then kept on the request). */
    public static AccessContext of(HttpServletRequest http) {
        Object cached = http.getAttribute(ATTRIBUTE);
        if (cached instanceof AccessContext context) {
            return context;
        }
        AccessContext context = build(http);
        http.setAttribute(ATTRIBUTE, context);
        return context;
    }

    private static AccessContext build(HttpServletRequest http) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwt) {
            return TokenClaims.toAccessContext(jwt.getToken(), http.getHeader(PURPOSE_OF_USE_HEADER),
                    decode(http.getHeader(JUSTIFICATION_HEADER)));
        }
        if (authentication instanceof SandboxAuthentication) {
            return AccessContext.sandbox();
        }
        return AccessContext.anonymous();
    }

    private static String decode(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return URLDecoder.decode(header, StandardCharsets.UTF_8).strip();
        } catch (IllegalArgumentException notEncoded) {
            return header.strip();
        }
    }
}
