package vn.ehealth.nhr.server.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

/**
 * Declares in the CapabilityStatement how to sign in ({@code rest.security}): the SMART-on-FHIR
 * service with the realm's authorize and token endpoints (the SMART {@code oauth-uris} extension),
 * or, in the open sandbox, that there is no security at all.
 */
@Interceptor
public class SecurityCapabilityInterceptor {

    static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";
    static final String SERVICE_SYSTEM = "http://terminology.hl7.org/CodeSystem/restful-security-service";

    private final NhrSecurityProperties security;

    public SecurityCapabilityInterceptor(NhrSecurityProperties security) {
        this.security = security;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void declareSecurity(IBaseConformance generated) {
        CapabilityStatement cs = (CapabilityStatement) generated;
        for (CapabilityStatement.CapabilityStatementRestComponent rest : cs.getRest()) {
            CapabilityStatement.CapabilityStatementRestSecurityComponent sec = new CapabilityStatement.CapabilityStatementRestSecurityComponent();
            sec.setCors(true);
            if (security.isSandbox()) {
                sec.setDescription("OPEN SANDBOX: no sign-in; every request acts as an administrator. Never holds real records.");
            } else {
                SmartConfiguration smart = SmartConfiguration.forKeycloakRealm(java.net.URI.create(security.getIssuerUri().strip()));
                sec.addService(new CodeableConcept().addCoding(new Coding(SERVICE_SYSTEM, "SMART-on-FHIR", "SMART-on-FHIR")));
                Extension uris = sec.addExtension().setUrl(OAUTH_URIS);
                uris.addExtension("token", new UriType(smart.tokenEndpoint()));
                uris.addExtension("authorize", new UriType(smart.authorizationEndpoint()));
                sec.setDescription("OAuth2 bearer tokens of the Keycloak realm " + smart.issuer() + " (SMART App Launch v2 "
                        + "scopes; see /.well-known/smart-configuration). Citizens' consent rules apply to every "
                        + "response; every access is audited (AuditEvent).");
            }
            rest.setSecurity(sec);
        }
    }
}
