package vn.ehealth.nhr.server.audit;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import ca.uhn.fhir.storage.interceptor.balp.BalpProfileEnum;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.stream.Collectors;

/**
 * The one place our own AuditEvents are shaped, the way HAPI's {@code BalpAuditCaptureInterceptor}
 * shapes its (IHE Basic Audit Log Patterns): type {@code rest} with the interaction as subtype,
 * the client, server and user agents, the request id, and entities for the query, the data and
 * the patient. Denied attempts, history, operations and exports then read like every other event.
 */
final class AuditEvents {

    /** Our flags on events, as {@code meta.tag}: searchable with {@code _tag}. */
    static final String FLAG_SYSTEM = "http://fhir.ehealth.gov.vn/nhr/CodeSystem/audit-flag";
    static final String BREAK_THE_GLASS = "break-the-glass";
    static final String BREAK_THE_GLASS_DISPLAY = "Truy cập khẩn cấp (phá kính)";
    static final String ADMINISTRATOR_ACCESS = "administrator-access";
    static final String ADMINISTRATOR_ACCESS_DISPLAY = "Truy cập của quản trị viên";
    static final String JUSTIFICATION_EXTENSION =
            "http://fhir.ehealth.gov.vn/nhr/StructureDefinition/emergency-justification";
    static final String PURPOSE_OF_USE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    /** Identifier system of OAuth2 clients ({@code azp}) and of Keycloak users ({@code sub}). */
    static final String OAUTH_CLIENT_SYSTEM = "urn:nhr:oauth-client";
    static final String KEYCLOAK_USER_SYSTEM = "urn:nhr:keycloak-user";

    private static final String USER_AGENT_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

    private AuditEvents() {
    }

    /** The BALP profile of an interaction, in its patient variant when the event names a patient. */
    static BalpProfileEnum profile(RestOperationTypeEnum operation, boolean patient) {
        return switch (operation) {
            case READ, VREAD -> patient ? BalpProfileEnum.PATIENT_READ : BalpProfileEnum.BASIC_READ;
            case CREATE -> patient ? BalpProfileEnum.PATIENT_CREATE : BalpProfileEnum.BASIC_CREATE;
            case UPDATE, PATCH, META_ADD, META_DELETE, ADD_TAGS, DELETE_TAGS, UPDATE_REWRITE_HISTORY ->
                    patient ? BalpProfileEnum.PATIENT_UPDATE : BalpProfileEnum.BASIC_UPDATE;
            case DELETE -> patient ? BalpProfileEnum.PATIENT_DELETE : BalpProfileEnum.BASIC_DELETE;
            // searches, history, operations, exports, transactions: "execute" with the query recorded
            default -> patient ? BalpProfileEnum.PATIENT_QUERY : BalpProfileEnum.BASIC_QUERY;
        };
    }

    /** An event for the interaction: outcome success, recorded now, agents and request id set. */
    static AuditEvent event(BalpProfileEnum profile, AuditedRequest request) {
        RestOperationTypeEnum operation = request.operation() == RestOperationTypeEnum.GET_PAGE
                ? RestOperationTypeEnum.SEARCH_TYPE : request.operation(); // as BALP: a page continues a search
        AuditEvent event = new AuditEvent();
        event.getMeta().addProfile(profile.getProfileUrl());
        // built, not parsed: a parser sets up its table of 2,000 entities each time (1.5 % of a request's CPU)
        XhtmlNode div = new XhtmlNode(NodeType.Element, "div");
        div.addText("Audit Event");
        event.getText().setDiv(div)
                .setStatus(Narrative.NarrativeStatus.GENERATED);
        event.getType().setSystem(BalpConstants.CS_AUDIT_EVENT_TYPE).setCode("rest").setDisplay("Restful Operation");
        event.addSubtype().setSystem(BalpConstants.CS_RESTFUL_INTERACTION).setCode(operation.getCode())
                .setDisplay(operation.getCode());
        event.setAction(profile.getAction());
        event.setOutcome(AuditEvent.AuditEventOutcome._0);
        event.setRecorded(new Date());
        event.getSource().getObserver().setDisplay(request.serverBase());

        AuditEvent.AuditEventAgentComponent client = event.addAgent();
        client.setWho(request.client() == null ? new Reference().setDisplay("unknown") : request.client().copy());
        client.getType().addCoding(profile.getAgentClientTypeCoding());
        client.getNetwork().setAddress(request.networkAddress())
                .setType(BalpConstants.AUDIT_EVENT_AGENT_NETWORK_TYPE_IP_ADDRESS);
        client.setRequestor(false);

        AuditEvent.AuditEventAgentComponent server = event.addAgent();
        server.getType().addCoding(profile.getAgentServerTypeCoding());
        server.getWho().setDisplay(request.serverBase());
        server.getNetwork().setAddress(request.serverBase());
        server.setRequestor(false);

        AuditEvent.AuditEventAgentComponent user = event.addAgent();
        user.getType().addCoding().setSystem(USER_AGENT_TYPE_SYSTEM).setCode("IRCP").setDisplay("information recipient");
        user.setWho(request.user() == null ? new Reference().setDisplay("anonymous") : request.user().copy());
        user.setRequestor(true);

        AuditEvent.AuditEventEntityComponent transaction = event.addEntity();
        transaction.getType().setSystem("https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType")
                .setCode("XrequestId");
        transaction.getWhat().getIdentifier().setValue(request.requestId());
        return event;
    }

    /** The query entity: what was asked, readable ({@code description}) and exact ({@code query}, base64). */
    static void addQuery(AuditEvent event, AuditedRequest request) {
        AuditEvent.AuditEventEntityComponent query = event.addEntity();
        query.getType().setSystem(BalpConstants.CS_AUDIT_ENTITY_TYPE)
                .setCode(BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT)
                .setDisplay(BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT_DISPLAY);
        query.getRole().setSystem(BalpConstants.CS_OBJECT_ROLE).setCode(BalpConstants.CS_OBJECT_ROLE_24_QUERY)
                .setDisplay("Query");
        query.setDescription(request.method() + " " + request.completeUrl());
        query.getQueryElement().setValue(request.queryString().getBytes(StandardCharsets.UTF_8));
    }

    /** The patient the event is about: what {@code AuditEvent?patient=} finds (once, however often named). */
    static void addPatient(AuditEvent event, String patientReference) {
        if (event.getEntity().stream().noneMatch(e -> patientReference.equals(e.getWhat().getReference()))) {
            addEntity(event, BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON, BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON_DISPLAY,
                    BalpConstants.CS_OBJECT_ROLE_1_PATIENT, BalpConstants.CS_OBJECT_ROLE_1_PATIENT_DISPLAY, patientReference);
        }
    }

    /** A resource the interaction read or changed. */
    static void addData(AuditEvent event, String resourceReference) {
        addEntity(event, BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT, BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT_DISPLAY,
                BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE, BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE_DISPLAY, resourceReference);
    }

    private static void addEntity(AuditEvent event, String type, String typeDisplay, String role, String roleDisplay,
            String reference) {
        AuditEvent.AuditEventEntityComponent entity = event.addEntity();
        entity.getType().setSystem(BalpConstants.CS_AUDIT_ENTITY_TYPE).setCode(type).setDisplay(typeDisplay);
        entity.getRole().setSystem(BalpConstants.CS_OBJECT_ROLE).setCode(role).setDisplay(roleDisplay);
        entity.getWhat().setReference(reference);
    }

    /** A refused or undone attempt: minor failure (4), with the reason (as the caller was given it). */
    static void failed(AuditEvent event, String reason) {
        event.setOutcome(AuditEvent.AuditEventOutcome._4);
        event.setOutcomeDesc(reason);
    }

    /** The requestor agent (the user, as BALP marks it), or null. */
    static AuditEvent.AuditEventAgentComponent user(AuditEvent event) {
        return event.getAgent().stream().filter(AuditEvent.AuditEventAgentComponent::getRequestor)
                .findFirst().orElse(null);
    }

    /**
     * Who, what and when in one line, without the query text, for the ERROR log when an event
     * cannot be stored: the log is then the only trace of the access.
     */
    static String summary(AuditEvent event) {
        String who = event.getAgent().stream()
                .map(a -> a.getWho().hasIdentifier()
                        ? a.getWho().getIdentifier().getSystem() + "|" + a.getWho().getIdentifier().getValue()
                        : a.getWho().getDisplay())
                .collect(Collectors.joining(", "));
        String what = event.getEntity().stream().filter(e -> e.getWhat().hasReference())
                .map(e -> e.getWhat().getReference()).collect(Collectors.joining(", "));
        String tags = event.getMeta().getTag().stream().map(t -> t.getCode()).collect(Collectors.joining(","));
        return "action=" + event.getAction() + " subtype="
                + (event.hasSubtype() ? event.getSubtypeFirstRep().getCode() : "")
                + " outcome=" + (event.hasOutcome() ? event.getOutcome().toCode() : "")
                + " recorded=" + (event.hasRecorded() ? event.getRecordedElement().getValueAsString() : "")
                + " agents=[" + who + "] entities=[" + what + "]" + (tags.isEmpty() ? "" : " tags=" + tags);
    }
}
