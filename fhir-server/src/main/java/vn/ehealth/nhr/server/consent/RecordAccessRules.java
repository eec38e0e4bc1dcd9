package vn.ehealth.nhr.server.consent;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.security.AccessContext;
import vn.ehealth.nhr.server.security.AccessRefusal;
import vn.ehealth.nhr.server.security.ResourceKinds;
import vn.ehealth.nhr.server.security.ScopeDecision;
import vn.ehealth.nhr.server.security.ScopeRestrictionMatcher;
import vn.ehealth.nhr.server.security.SmartInteraction;
import vn.ehealth.nhr.server.subscription.SubscriptionOwner;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * May this caller see this stored resource? The per-resource half of issue 5's rules, applied by
 * {@link RecordAccessConsentService} to everything HAPI is about to return:
 * <ol>
 * <li>catalogues and definitions: everyone; the directory (facilities, professionals): every signed-in caller;</li>
 * <li>the token's scopes must allow reading the type;</li>
 * <li>access logs (AuditEvent): only the citizen whose record they are about (and administrators);</li>
 * <li>Subscriptions: only whoever created them (the recorded owner; a facility: what it wrote);</li>
 * <li>a citizen: only resources in the compartment of their own Patient (found by the token's CCCD);</li>
 * <li>everyone else: {@link CitizenConsentRules} for each Patient whose record holds the resource, with that
 * Patient's active Consents, looked up once per request.</li>
 * </ol>
 */
public class RecordAccessRules {

    /** The answer for one resource, with the rule and its explanation when refused. */
    public record Verdict(boolean permitted, String rule, String vietnamese, String english) {
        static final Verdict PERMIT = new Verdict(true, null, null, null);

        static Verdict deny(String rule, String vietnamese, String english) {
            return new Verdict(false, rule, vietnamese, english);
        }
    }

    private static final String HOW_TO_GET_CONSENT_VI = " Để xem, công dân cần cho phép cơ sở của bạn trong ứng dụng "
            + "Sổ Sức khỏe điện tử (tài nguyên Consent), hoặc cơ sở ghi nhận phiếu đồng ý có chữ ký của công dân (Consent "
            + "kèm sourceAttachment). Trong cấp cứu, người hành nghề có thể truy cập khẩn cấp: tiêu đề X-NHR-Purpose-Of-Use: "
            + "ETREAT và X-NHR-Emergency-Justification (được ghi nhật ký, công dân được thông báo).";
    private static final String HOW_TO_GET_CONSENT_EN = " To see it, the citizen must permit your facility in the "
            + "Sổ Sức khỏe điện tử app (a Consent resource), or a facility records the citizen's signed consent form (a "
            + "Consent with sourceAttachment). In an emergency a practitioner may break the glass: headers "
            + "X-NHR-Purpose-Of-Use: ETREAT and X-NHR-Emergency-Justification (audited; the citizen is told).";

    private final CitizenConsentRules consentRules;
    private final RecordCompartments compartments;
    private final CitizenRecordLookup lookup;
    private final FhirContext fhirContext;
    private final Clock clock;
    private final ScopeRestrictionMatcher scopes;

    public RecordAccessRules(CitizenConsentRules consentRules, RecordCompartments compartments,
            CitizenRecordLookup lookup, FhirContext fhirContext, Clock clock, ScopeRestrictionMatcher scopes) {
        this.scopes = scopes;
        this.consentRules = consentRules;
        this.compartments = compartments;
        this.lookup = lookup;
        this.fhirContext = fhirContext;
        this.clock = clock;
    }

    public Verdict judge(RequestDetails request, AccessContext caller, IBaseResource resource) {
        String type = fhirContext.getResourceType(resource);
        if (ResourceKinds.PUBLIC_CATALOGUES.contains(type)) {
            return Verdict.PERMIT;
        }
        if (caller.isAnonymous()) {
            return Verdict.deny("nhr-access-login-required", "Cần đăng nhập để xem " + type + ".",
                    "Sign in to see " + type + ".");
        }
        Accessor accessor = caller.accessor();
        if (ResourceKinds.DEFINITIONS.contains(type)) {
            return Verdict.PERMIT;
        }
        if (accessor.kind() != Accessor.Kind.ADMINISTRATOR
                && !scopes.allows(caller, type, SmartInteraction.READ, resource)) {
            return Verdict.deny(ScopeDecision.RULE,
                    "Mã truy cập không có phạm vi (scope) đọc " + type + " (" + caller.scopeContext().prefix() + "/" + type + ".r).",
                    "The token has no scope to read " + type + " (" + caller.scopeContext().prefix() + "/" + type + ".r).");
        }
        if (accessor.kind() == Accessor.Kind.ADMINISTRATOR) {
            return Verdict.PERMIT;
        }
        Set<String> owners = compartments.owners(resource);
        RequestAccessCache cache = RequestAccessCache.of(request);
        if ("AuditEvent".equals(type)) {
            return accessor.kind() == Accessor.Kind.CITIZEN && ownsAny(accessor, owners, cache)
                    ? Verdict.PERMIT
                    : Verdict.deny("nhr-access-audit-log-private",
                    "Nhật ký truy cập chỉ dành cho công dân chủ hồ sơ (và quản trị viên).",
                    "An access log is for the citizen whose record it is (and administrators) only.");
        }
        if ("Subscription".equals(type)) {
            return ownSubscription(accessor, resource) ? Verdict.PERMIT
                    : Verdict.deny("nhr-access-subscription-not-own",
                    "Subscription (đăng ký nhận thông báo) chỉ dành cho người đã tạo nó (và quản trị viên).",
                    "A Subscription is visible only to whoever created it (and administrators).");
        }
        if (owners.isEmpty()) {
            return outsideEveryRecord(accessor, type, resource);
        }
        if (accessor.kind() == Accessor.Kind.CITIZEN) {
            return ownsAny(accessor, owners, cache) ? Verdict.PERMIT
                    : Verdict.deny(ConsentDecision.Basis.NOT_OWN_RECORD.key(),
                    "Tài nguyên này thuộc hồ sơ của người khác; công dân chỉ xem được hồ sơ của chính mình.",
                    "This resource belongs to someone else's record; a citizen sees only their own record.");
        }
        ConsentDecision firstRefusal = null;
        // rule 4: what is read about a patient needs that patient's Consent, not that of someone else who took part
        for (String owner : compartments.subjects(resource)) {
            RecordOwner recordOwner = new RecordOwner(owner, cache.cccdOf(owner, lookup).orElse(null));
            AccessRequest access = AccessRequest.of(accessor, recordOwner, clock.instant());
            if (caller.claimsEmergency() && caller.emergencyJustification() != null) {
                access = access.breakingTheGlass(caller.emergencyJustification());
            }
            ConsentDecision decision = consentRules.decide(access, cache.consentsOf(owner, lookup), resource);
            if (decision.permitted()) {
                return Verdict.PERMIT;
            }
            if (firstRefusal == null) {
                firstRefusal = decision;
            }
        }
        return Verdict.deny(firstRefusal.basis().key(), firstRefusal.message("vi") + HOW_TO_GET_CONSENT_VI,
                firstRefusal.message("en") + HOW_TO_GET_CONSENT_EN);
    }

    /** Id parts of the Patients whose record holds the resource. */
    public Set<String> owners(IBaseResource resource) {
        return compartments.owners(resource);
    }

    /** Resources in no Patient compartment: the directory, what the caller's facility wrote, analysts' data. */
    private static Verdict outsideEveryRecord(Accessor accessor, String type, IBaseResource resource) {
        if (ResourceKinds.DIRECTORY.contains(type) || accessor.kind() == Accessor.Kind.ANALYST) {
            return Verdict.PERMIT;
        }
        Optional<String> author = CitizenConsentRules.authoringFacility(resource);
        if (accessor.actsForFacility() && author.isPresent() && author.get().equals(accessor.facilityCode())) {
            return Verdict.PERMIT;
        }
        return Verdict.deny("nhr-access-not-in-record",
                type + " này không thuộc hồ sơ nào bạn được xem và không do cơ sở của bạn tạo.",
                "This " + type + " is in no record you may see and was not written by your facility.");
    }

    /** A citizen's own Subscription (the owner the server recorded), or one the caller's facility wrote. */
    private static boolean ownSubscription(Accessor accessor, IBaseResource resource) {
        if (accessor.kind() == Accessor.Kind.CITIZEN) {
            return resource instanceof org.hl7.fhir.r4.model.Subscription s
                    && SubscriptionOwner.of(s).map(owner -> owner.isSameAccessor(accessor)).orElse(false);
        }
        return accessor.actsForFacility()
                && CitizenConsentRules.authoringFacility(resource).filter(accessor.facilityCode()::equals).isPresent();
    }

    private boolean ownsAny(Accessor citizen, Set<String> owners, RequestAccessCache cache) {
        Set<String> own = cache.ownPatientIds(citizen.citizenId(), lookup);
        return owners.stream().anyMatch(own::contains);
    }

    /**
     * A citizen's query naming another record (another CCCD, another Patient) is refused outright
     * and audited, rather than answered with an empty page: it is an attempt, not a mistake to hide.
     */
    public void checkCitizenQuery(RequestDetails request, AccessContext caller) {
        String cccd = caller.accessor().citizenId();
        Set<String> own = null;
        if ("Patient".equals(request.getResourceName()) && request.getId() != null && request.getId().hasIdPart()) {
            own = RequestAccessCache.of(request).ownPatientIds(cccd, lookup);
            if (!own.contains(request.getId().getIdPart())) {
                throw otherCitizen(request);
            }
        }
        Map<String, String[]> parameters = request.getParameters();
        if (parameters == null) {
            return;
        }
        for (Map.Entry<String, String[]> p : parameters.entrySet()) {
            String name = p.getKey();
            for (String value : p.getValue()) {
                for (String v : value.split(",")) {
                    v = v.strip();
                    if (v.startsWith(NhrIdentifierSystems.CITIZEN_ID + "|") && !v.endsWith("|" + cccd)) {
                        throw otherCitizen(request);
                    }
                    if ((name.equals("cccd") || name.startsWith("cccd:")) && !v.isEmpty() && !v.equals(cccd) && !v.endsWith("|" + cccd)) {
                        throw otherCitizen(request);
                    }
                    String patientId = patientIdIn(request.getResourceName(), name, v);
                    if (patientId != null) {
                        if (own == null) {
                            own = RequestAccessCache.of(request).ownPatientIds(cccd, lookup);
                        }
                        if (!own.contains(patientId)) {
                            throw otherCitizen(request);
                        }
                    }
                }
            }
        }
    }

    /** The Patient id a search parameter names: patient=, subject=Patient/x, Patient?_id=. */
    private static String patientIdIn(String resourceName, String name, String value) {
        String base = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
        if ("Patient".equals(resourceName) && "_id".equals(base)) {
            return value;
        }
        if (base.equals("patient") || base.equals("subject") || base.equals("beneficiary")) {
            if (value.startsWith("Patient/")) {
                String id = value.substring("Patient/".length());
                int slash = id.indexOf('/');
                return slash >= 0 ? id.substring(0, slash) : id;
            }
            return base.equals("patient") && !value.contains("/") && !value.contains("|") && !value.isEmpty() ? value : null;
        }
        return null;
    }

    private static RuntimeException otherCitizen(RequestDetails request) {
        return AccessRefusal.forbidden(request, "nhr-access-other-citizen",
                "Công dân chỉ được truy vấn hồ sơ của chính mình; yêu cầu nêu hồ sơ (CCCD hoặc Patient) của người khác đã "
                        + "bị từ chối và ghi nhật ký.",
                "A citizen may query only their own record; this request names another person's record (CCCD or Patient) "
                        + "and is refused and audited.");
    }
}
