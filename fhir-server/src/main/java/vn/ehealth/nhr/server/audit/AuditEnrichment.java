package vn.ehealth.nhr.server.audit;

import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.StringType;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.consent.Accessor;
import vn.ehealth.nhr.server.security.AccessContext;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an event gets from the request's {@link AccessContext} on top of BALP's shape: the facility
 * the user acts for, the purpose of use, and the flags a citizen must see at once in their access
 * log (break the glass, administrator access).
 *
 * <table>
 * <caption>Purpose of use (v3-ActReason), on {@code purposeOfEvent} and the user's {@code purposeOfUse}</caption>
 * <tr><th>caller</th><th>code</th></tr>
 * <tr><td>declared {@code ETREAT} (break the glass)</td><td>ETREAT</td></tr>
 * <tr><td>declared another code ({@code X-NHR-Purpose-Of-Use})</td><td>that code, as declared</td></tr>
 * <tr><td>facility, EMR system, practitioner</td><td>TREAT</td></tr>
 * <tr><td>citizen</td><td>PATRQT (patient requested)</td></tr>
 * <tr><td>analyst</td><td>HRESCH (healthcare research)</td></tr>
 * <tr><td>administrator (and the sandbox)</td><td>HOPERAT (healthcare operations)</td></tr>
 * <tr><td>anonymous, unknown role</td><td>none</td></tr>
 * </table>
 */
final class AuditEnrichment {

    static final Map<String, String> PURPOSE_DISPLAYS = Map.of(
            "ETREAT", "Emergency Treatment",
            "TREAT", "treatment",
            "PATRQT", "patient requested",
            "HRESCH", "healthcare research",
            "HOPERAT", "healthcare operations",
            "PUBHLTH", "public health",
            "HPAYMT", "healthcare payment");

    /** A declared code is recorded only if it looks like one (the header is free text). */
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_-]{1,31}");

    private AuditEnrichment() {
    }

    static void enrich(AuditEvent event, AccessContext context) {
        showClientIdRatherThanAddress(event);
        Accessor accessor = context.accessor();
        if (accessor != null && accessor.actsForFacility()) {
            AuditEvent.AuditEventAgentComponent facility = event.addAgent();
            facility.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v3-RoleClass")
                    .setCode("PROV").setDisplay("healthcare provider");
            facility.getWho().setIdentifier(new Identifier().setSystem(NhrIdentifierSystems.FACILITY_CODE)
                    .setValue(accessor.facilityCode())).setDisplay("Cơ sở KBCB " + accessor.facilityCode());
            facility.setRequestor(false);
        }
        Coding purpose = purposeOfUse(context);
        if (purpose != null) {
            event.addPurposeOfEvent().addCoding(purpose.copy());
            AuditEvent.AuditEventAgentComponent user = AuditEvents.user(event);
            if (user != null) {
                user.addPurposeOfUse().addCoding(purpose.copy());
            }
        }
        if (context.claimsEmergency()) {
            event.getMeta().addTag(AuditEvents.FLAG_SYSTEM, AuditEvents.BREAK_THE_GLASS, AuditEvents.BREAK_THE_GLASS_DISPLAY);
            if (context.emergencyJustification() != null && !context.emergencyJustification().isBlank()) {
                event.addExtension(AuditEvents.JUSTIFICATION_EXTENSION, new StringType(context.emergencyJustification()));
            }
        }
        // The sandbox makes everyone an administrator; flagging all its events would mean nothing.
        if (context.is(Accessor.Kind.ADMINISTRATOR) && !context.isSandbox()) {
            event.getMeta().addTag(AuditEvents.FLAG_SYSTEM, AuditEvents.ADMINISTRATOR_ACCESS,
                    AuditEvents.ADMINISTRATOR_ACCESS_DISPLAY);
        }
    }

    /** See the table above. */
    static Coding purposeOfUse(AccessContext context) {
        String declared = context.purposeOfUse();
        String code;
        if (context.claimsEmergency()) {
            code = AccessContext.EMERGENCY_TREATMENT;
        } else if (declared != null && CODE.matcher(declared).matches()) {
            code = declared;
        } else if (context.accessor() == null) {
            return null;
        } else {
            code = switch (context.accessor().kind()) {
                case FACILITY, EMR_SYSTEM, PRACTITIONER -> "TREAT";
                case CITIZEN -> "PATRQT";
                case ANALYST -> "HRESCH";
                case ADMINISTRATOR -> "HOPERAT";
            };
        }
        return new Coding(AuditEvents.PURPOSE_OF_USE_SYSTEM, code, PURPOSE_DISPLAYS.get(code));
    }

    /**
     * BALP writes the network address as the client's display; a citizen reading their log should
     * see the application ({@code azp}) instead. The address stays in {@code agent.network}.
     */
    private static void showClientIdRatherThanAddress(AuditEvent event) {
        for (AuditEvent.AuditEventAgentComponent agent : event.getAgent()) {
            if (!agent.hasWho() || !agent.getWho().hasIdentifier()) {
                continue;
            }
            Identifier id = agent.getWho().getIdentifier();
            if (AuditEvents.OAUTH_CLIENT_SYSTEM.equals(id.getSystem()) && id.hasValue()) {
                agent.getWho().setDisplay(id.getValue());
            }
        }
    }
}
