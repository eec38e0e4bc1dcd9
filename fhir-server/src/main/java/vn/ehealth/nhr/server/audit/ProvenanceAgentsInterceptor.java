package vn.ehealth.nhr.server.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.model.IProvenanceAgentsPointcutParameter;
import ca.uhn.fhir.model.api.ProvenanceAgent;
import org.hl7.fhir.r4.model.Reference;

/**
 * Who HAPI's own Provenance resources (written by {@code Patient/$merge} and reference replacement)
 * name as their agent: the signed-in user, as the access log knows them (an administrator by their
 * Keycloak account), acting for the OAuth2 client. Without it HAPI writes a Provenance without
 * agent, which base FHIR R4 (and so the storage validation) refuses.
 */
@Interceptor
public class ProvenanceAgentsInterceptor {

    private final AuditContextServices services;

    public ProvenanceAgentsInterceptor(AuditContextServices services) {
        this.services = services;
    }

    @Hook(Pointcut.PROVENANCE_AGENTS)
    public void agents(IProvenanceAgentsPointcutParameter agents) {
        ProvenanceAgent agent = new ProvenanceAgent();
        Reference user = services.getAgentUserWho(agents.getRequestDetails());
        agent.setWho(user);
        agents.addProvenanceAgent(agent);
    }
}
