package vn.ehealth.nhr.server.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Subscription;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.consent.Accessor;
import vn.ehealth.nhr.server.consent.CitizenConsentRules;
import vn.ehealth.nhr.server.consent.CitizenRecordLookup;
import vn.ehealth.nhr.server.consent.RecordCompartments;
import vn.ehealth.nhr.server.consent.RequestAccessCache;
import vn.ehealth.nhr.server.subscription.SubscriptionOwner;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may write what (issue 5, rules 2, 3 and 8), on HAPI's storage hooks so that plain REST,
 * transaction entries, conditional writes and operations are judged alike:
 * <ul>
 * <li>the token's scopes must allow the interaction on the type;</li>
 * <li>nobody writes AuditEvents (only the server does), only administrators change definitions
 * and catalogues, analysts write nothing;</li>
 * <li>a citizen writes only Consents of their own record, and Subscriptions (notifications) of their own;</li>
 * <li>a facility (its staff, clinicians, EMR system) writes only as itself: the organisation a
 * resource names as its author/performer/provider must be the token's facility, only resources it
 * wrote may be changed or deleted, and {@code meta.source} is set to {@code urn:nhr:facility:<code>},
 * whatever the client sent: that is the authorship the consent rules trust;</li>
 * <li>a facility recording a citizen's Consent must attach the signed form.</li>
 * </ul>
 * Internal writes (no HTTP request) and the sandbox are not judged.
 */
@Interceptor
public class RecordWriteRules {

    /** Source stamped on what citizens write through the app. */
    public static final String CITIZEN_SOURCE = "urn:nhr:citizen";

    /** Elements naming the organisation that acts (writes, performs, provides): it must be the writer's facility. */
    static final Map<String, List<String>> ACTING_ORGANISATION = Map.ofEntries(
            Map.entry("Encounter", List.of("Encounter.serviceProvider")),
            Map.entry("Condition", List.of("Condition.recorder", "Condition.asserter")),
            Map.entry("Observation", List.of("Observation.performer")),
            Map.entry("DiagnosticReport", List.of("DiagnosticReport.performer")),
            Map.entry("Immunization", List.of("Immunization.performer.actor")),
            Map.entry("MedicationRequest", List.of("MedicationRequest.requester")),
            Map.entry("MedicationDispense", List.of("MedicationDispense.performer.actor")),
            Map.entry("MedicationAdministration", List.of("MedicationAdministration.performer.actor")),
            Map.entry("Procedure", List.of("Procedure.performer.actor")),
            Map.entry("ServiceRequest", List.of("ServiceRequest.requester")),
            Map.entry("AllergyIntolerance", List.of("AllergyIntolerance.recorder", "AllergyIntolerance.asserter")),
            Map.entry("Composition", List.of("Composition.author", "Composition.custodian")),
            Map.entry("DocumentReference", List.of("DocumentReference.author", "DocumentReference.custodian")),
            Map.entry("Consent", List.of("Consent.organization")));

    private final CitizenRecordLookup lookup;
    private final FhirContext fhirContext;
    private final ScopeRestrictionMatcher scopes;

    private final RecordCompartments compartments;

    public RecordWriteRules(CitizenRecordLookup lookup, FhirContext fhirContext, ScopeRestrictionMatcher scopes) {
        this.scopes = scopes;
        this.compartments = new RecordCompartments(fhirContext);
        this.lookup = lookup;
        this.fhirContext = fhirContext;
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = -100)
    public void created(IBaseResource resource, RequestDetails request) {
        judge(request, null, resource, SmartInteraction.CREATE);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = -100)
    public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        judge(request, previous, resource, SmartInteraction.UPDATE);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED, order = -100)
    public void deleted(IBaseResource resource, RequestDetails request) {
        judge(request, resource, null, SmartInteraction.DELETE);
    }

    void judge(RequestDetails request, IBaseResource previous, IBaseResource resource, SmartInteraction interaction) {
        try {
            check(request, previous, resource, interaction);
        } catch (ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException refused) {
            // the refused write appears in the access log of the record it was aimed at
            java.util.Set<String> owners = new java.util.LinkedHashSet<>();
            for (IBaseResource r : new IBaseResource[] {previous, resource}) {
                if (r != null) {
                    owners.addAll(compartments.owners(r));
                }
            }
            AccessRefusal.concerning(request, owners);
            throw refused;
        }
    }

    private void check(RequestDetails request, IBaseResource previous, IBaseResource resource, SmartInteraction interaction) {
        AccessContext caller = AccessContexts.of(request).orElse(null);
        if (caller == null || caller.isSandbox()) {
            return;
        }
        if (caller.isAnonymous()) {
            throw AccessRefusal.loginRequired(request);
        }
        Accessor accessor = caller.accessor();
        if (accessor == null) {
            throw AccessRefusal.forbidden(request, "nhr-access-no-role", "Mã truy cập không mang vai trò nào máy chủ biết.",
                    "The token carries no role this server knows.");
        }
        String type = fhirContext.getResourceType(resource != null ? resource : previous);
        String verb = interaction.english();
        if ("AuditEvent".equals(type)) {
            throw AccessRefusal.forbidden(request, "nhr-access-audit-immutable",
                    "Nhật ký truy cập (AuditEvent) do máy chủ ghi; không ai được tạo, sửa hay xoá.",
                    "Access logs (AuditEvent) are written by the server only; nobody may create, change or delete them.");
        }
        if (!scopes.allows(caller, type, interaction, resource != null ? resource : previous)) {
            throw AccessRefusal.forbidden(request, ScopeDecision.RULE,
                    "Mã truy cập không có phạm vi (scope) " + interaction.vietnamese() + " " + type + " ("
                            + caller.scopeContext().prefix() + "/" + type + "." + interaction.letter() + ").",
                    "The token has no scope to " + verb + " " + type + " (" + caller.scopeContext().prefix() + "/" + type
                            + "." + interaction.letter() + ").");
        }
        switch (accessor.kind()) {
            case ADMINISTRATOR -> {
            }
            case ANALYST -> throw AccessRefusal.forbidden(request, "nhr-access-read-only-role",
                    "Người phân tích dữ liệu chỉ được đọc, không được ghi.", "Analysts may read, not write.");
            case CITIZEN -> citizenWrite(request, accessor, previous, resource, type);
            default -> facilityWrite(request, accessor, previous, resource, type);
        }
    }

    private void citizenWrite(RequestDetails request, Accessor citizen, IBaseResource previous, IBaseResource resource,
            String type) {
        if ("Subscription".equals(type)) {
            citizenSubscription(request, citizen, previous, resource);
            return;
        }
        if (!"Consent".equals(type)) {
            throw AccessRefusal.forbidden(request, "nhr-access-citizen-writes-consent-only",
                    "Công dân chỉ ghi được Consent (đồng ý chia sẻ) của chính mình; hồ sơ khám chữa bệnh do cơ sở ghi.",
                    "A citizen may write only their own Consents; clinical records are written by facilities.");
        }
        for (IBaseResource consent : new IBaseResource[] {previous, resource}) {
            if (consent != null && !ownConsent(request, citizen, (Consent) consent)) {
                throw AccessRefusal.forbidden(request, "nhr-access-consent-not-own",
                        "Consent.patient phải là hồ sơ của chính công dân (Patient có CCCD trong mã truy cập).",
                        "Consent.patient must be the citizen's own record (the Patient with the token's CCCD).");
            }
        }
        if (resource != null) {
            ((Resource) resource).getMeta().setSource(CITIZEN_SOURCE);
        }
    }

    /**
     * Notifications about their own record (the criteria are judged by the subscription package):
     * a citizen changes or deletes only a Subscription they created.
     */
    private static void citizenSubscription(RequestDetails request, Accessor citizen, IBaseResource previous,
            IBaseResource resource) {
        if (previous instanceof Subscription stored
                && !SubscriptionOwner.of(stored).map(owner -> owner.isSameAccessor(citizen)).orElse(false)) {
            throw AccessRefusal.forbidden(request, "nhr-access-subscription-not-own",
                    "Công dân chỉ được sửa hoặc xoá Subscription do chính mình tạo.",
                    "A citizen may change or delete only Subscriptions they created.");
        }
        if (resource != null) {
            ((Resource) resource).getMeta().setSource(CITIZEN_SOURCE);
        }
    }

    private boolean ownConsent(RequestDetails request, Accessor citizen, Consent consent) {
        Reference patient = consent.getPatient();
        if (patient.hasReference()) {
            return "Patient".equals(patient.getReferenceElement().getResourceType())
                    && RequestAccessCache.of(request).ownPatientIds(citizen.citizenId(), lookup)
                    .contains(patient.getReferenceElement().getIdPart());
        }
        return patient.hasIdentifier() && NhrIdentifierSystems.CITIZEN_ID.equals(patient.getIdentifier().getSystem())
                && citizen.citizenId().equals(patient.getIdentifier().getValue());
    }

    private void facilityWrite(RequestDetails request, Accessor accessor, IBaseResource previous, IBaseResource resource,
            String type) {
        String facility = accessor.facilityCode();
        if (ResourceKinds.DEFINITIONS.contains(type)) {
            throw AccessRefusal.forbidden(request, "nhr-access-administrators-only",
                    "Chỉ quản trị viên được thay đổi " + type + " (định nghĩa, danh mục dùng chung).",
                    "Only administrators may change " + type + " (definitions and shared catalogues).");
        }
        if (previous != null) {
            Optional<String> author = CitizenConsentRules.authoringFacility(previous);
            if (author.isEmpty() || !author.get().equals(facility)) {
                throw AccessRefusal.forbidden(request, "nhr-access-other-facility-record",
                        type + "/" + previous.getIdElement().getIdPart() + " do " + author.map(a -> "cơ sở " + a).orElse("nơi khác")
                                + " tạo; cơ sở " + facility + " chỉ được sửa hoặc xoá hồ sơ do chính mình tạo.",
                        type + "/" + previous.getIdElement().getIdPart() + " was written by "
                                + author.map(a -> "facility " + a).orElse("someone else") + "; facility " + facility
                                + " may change or delete only what it wrote.");
            }
        }
        if (resource == null) {
            return;
        }
        for (String path : ACTING_ORGANISATION.getOrDefault(type, List.of())) {
            for (Reference ref : fhirContext.newTerser().getValues(resource, path, Reference.class)) {
                actingFacility(request, ref).filter(code -> !code.equals(facility)).ifPresent(code -> {
                    throw AccessRefusal.forbidden(request, "nhr-access-write-as-other-facility",
                            path + " ghi cơ sở " + code + " nhưng mã truy cập là của cơ sở " + facility
                                    + "; cơ sở chỉ được ghi hồ sơ dưới tên chính mình.",
                            path + " names facility " + code + " but the token is facility " + facility
                                    + "'s; a facility writes records only in its own name.");
                });
            }
        }
        if (resource instanceof Consent consent && !consent.hasSourceAttachment() && !consent.hasSourceReference()) {
            throw AccessRefusal.forbidden(request, "nhr-access-consent-needs-signed-form",
                    "Cơ sở ghi nhận Consent thay công dân phải đính kèm phiếu đồng ý có chữ ký của công dân "
                            + "(Consent.sourceAttachment hoặc sourceReference).",
                    "A facility recording a citizen's Consent must attach the citizen's signed form "
                            + "(Consent.sourceAttachment or sourceReference).");
        }
        ((Resource) resource).getMeta().setSource(CitizenConsentRules.FACILITY_SOURCE_PREFIX + facility);
    }

    /** The facility code an organisation reference names, by identifier or by the stored Organization. */
    private Optional<String> actingFacility(RequestDetails request, Reference ref) {
        if (ref.hasIdentifier() && NhrIdentifierSystems.FACILITY_CODE.equals(ref.getIdentifier().getSystem())
                && ref.getIdentifier().hasValue()) {
            return Optional.of(ref.getIdentifier().getValue().strip());
        }
        if (ref.hasReference() && "Organization".equals(ref.getReferenceElement().getResourceType())
                && ref.getReferenceElement().hasIdPart() && !ref.getReference().startsWith("urn:")) {
            return RequestAccessCache.of(request).facilityOf(ref.getReferenceElement().getIdPart(), lookup);
        }
        return Optional.empty();
    }
}
