package vn.ehealth.nhr.server.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import jakarta.annotation.Nonnull;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.consent.Accessor;
import vn.ehealth.nhr.server.security.AccessContext;
import vn.ehealth.nhr.server.security.AccessContexts;

import java.util.Optional;
import java.util.function.Function;

/**
 * Tells HAPI's BALP interceptor (and our own audit interceptors) who is asking, from the request's
 * {@link AccessContext}: the OAuth2 client, and the user by the identifier the national record knows
 * them by (CCCD, practising licence, facility code, or the Keycloak account of staff).
 */
public class AuditContextServices implements IBalpAuditContextServices {

    static final String CITIZEN_DISPLAY = "Công dân / citizen";
    static final String ANONYMOUS = "anonymous";

    private final Function<RequestDetails, Optional<AccessContext>> contexts;

    public AuditContextServices() {
        this(AccessContexts::of);
    }

    /** For tests: the caller without a signed-in HTTP request. */
    AuditContextServices(Function<RequestDetails, Optional<AccessContext>> contexts) {
        this.contexts = contexts;
    }

    @Nonnull
    @Override
    public Reference getAgentClientWho(RequestDetails request) {
        return clientWho(contexts.apply(request).orElse(null));
    }

    @Nonnull
    @Override
    public Reference getAgentUserWho(RequestDetails request) {
        return userWho(contexts.apply(request).orElse(null));
    }

    /** The default reads the servlet request without checking it is there. */
    @Override
    public String getNetworkAddress(RequestDetails request) {
        return request instanceof ServletRequestDetails servlet && servlet.getServletRequest() != null
                ? servlet.getServletRequest().getRemoteAddr() : null;
    }

    /**
     * Relative and unversioned ({@code Patient/123}), not BALP's default absolute URL: stored that
     * way the references are local links, so {@code AuditEvent?patient=Patient/123} finds the events
     * whatever address the server was reached at.
     */
    @Nonnull
    @Override
    public String massageResourceIdForStorage(@Nonnull RequestDetails request, @Nonnull IBaseResource resource,
            @Nonnull IIdType id) {
        return relative(resource, id);
    }

    static String relative(IBaseResource resource, IIdType id) {
        String type = id.hasResourceType() ? id.getResourceType() : resource.fhirType();
        return type + "/" + id.getIdPart();
    }

    static Reference clientWho(AccessContext context) {
        String clientId = context == null ? null : context.clientId();
        if (clientId == null || clientId.isBlank()) {
            return new Reference().setDisplay(context == null || context.isAnonymous() ? ANONYMOUS : "unknown client");
        }
        return new Reference().setIdentifier(new Identifier().setSystem(AuditEvents.OAUTH_CLIENT_SYSTEM).setValue(clientId))
                .setDisplay(clientId);
    }

    static Reference userWho(AccessContext context) {
        if (context == null || context.isAnonymous()) {
            return new Reference().setDisplay(ANONYMOUS);
        }
        Accessor accessor = context.accessor();
        if (accessor == null) { // signed in, but the token names no role this server knows
            return staff(context, "unknown role");
        }
        return switch (accessor.kind()) {
            case CITIZEN -> identified(NhrIdentifierSystems.CITIZEN_ID, accessor.citizenId(), CITIZEN_DISPLAY);
            case PRACTITIONER -> identified(NhrIdentifierSystems.PRACTITIONER_LICENCE, accessor.licence(),
                    named(context, accessor));
            case FACILITY, EMR_SYSTEM -> identified(NhrIdentifierSystems.FACILITY_CODE, accessor.facilityCode(),
                    named(context, accessor));
            case ANALYST, ADMINISTRATOR -> staff(context, accessor.vietnamese());
        };
    }

    /** Staff are known by their Keycloak account; the user name is what a reader recognises. */
    private static Reference staff(AccessContext context, String fallback) {
        Reference who = new Reference().setDisplay(context.userName() != null ? context.userName() : fallback);
        if (context.subject() != null) {
            who.setIdentifier(new Identifier().setSystem(AuditEvents.KEYCLOAK_USER_SYSTEM).setValue(context.subject()));
        }
        return who;
    }

    private static String named(AccessContext context, Accessor accessor) {
        return context.userName() != null ? context.userName() : accessor.vietnamese();
    }

    private static Reference identified(String system, String value, String display) {
        return new Reference().setIdentifier(new Identifier().setSystem(system).setValue(value)).setDisplay(display);
    }
}
