package vn.ehealth.nhr.server.consent;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Identifier;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.consent.ConsentDecision.Obligation;
import vn.ehealth.nhr.server.consent.DataCategoryCatalogue.ResourceCategories;
import vn.ehealth.nhr.server.consent.ProvisionEvaluator.Match;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The citizen's consent rules (docs/consent-rules.md): may this accessor see this resource of this
 * citizen's record now? Pure: the caller supplies the citizen's Consents and the resource; nothing
 * is read from a database. Thread-safe.
 */
public final class CitizenConsentRules {

    /** {@code Resource.meta.source} of what a facility writes: {@code urn:nhr:facility:<code>}. */
    public static final String FACILITY_SOURCE_PREFIX = "urn:nhr:facility:";

    static final String PRIVACY_SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope";

    private final DataCategoryCatalogue catalogue;
    private final DecisionTexts texts;

    public CitizenConsentRules(FhirContext fhirContext, DataCategoryCatalogue catalogue) {
        this.catalogue = catalogue;
        this.texts = new DecisionTexts(fhirContext, catalogue);
    }

    /** Rules over the catalogue shipped in the terminology module. */
    public static CitizenConsentRules shipped(FhirContext fhirContext) {
        return new CitizenConsentRules(fhirContext, DataCategoryCatalogue.shipped(fhirContext));
    }

    /**
     * Decides one access.
     *
     * @param consents the citizen's Consents (any status: only active ones count; Consents of
     *                 another citizen are ignored)
     * @param resource a resource of the citizen's record
     */
    public ConsentDecision decide(AccessRequest request, Collection<Consent> consents, IBaseResource resource) {
        Accessor accessor = request.accessor();
        if (request.emergency().isPresent() && accessor.kind() != Accessor.Kind.PRACTITIONER) {
            return texts.breakTheGlassNotAllowed(accessor);
        }
        switch (accessor.kind()) {
            case CITIZEN:
                return accessor.citizenId().equals(request.owner().citizenId())
                        ? texts.ownRecord(resource) : texts.notOwnRecord(accessor);
            case ADMINISTRATOR:
                return texts.administrator(resource).withObligations(Set.of(Obligation.AUDIT_PROMINENTLY));
            case ANALYST:
                return texts.analyst(resource).withObligations(Set.of(Obligation.DE_IDENTIFY));
            default:
                break;
        }
        Optional<String> author = authoringFacility(resource);
        if (author.isPresent() && author.get().equals(accessor.facilityCode())) {
            return texts.authoredBy(accessor, resource);
        }
        ConsentDecision decision = byConsents(request, consents, resource);
        if (!decision.permitted() && request.emergency().isPresent()) {
            return texts.breakTheGlass(accessor, resource, decision, request.emergency().get())
                    .withObligations(Set.of(Obligation.AUDIT_PROMINENTLY));
        }
        return decision;
    }

    /**
     * Whether any of these Consents could let the accessor see something of the owner's record that
     * it did not write. False means the facility sees only its own entries in that record (unless it
     * breaks the glass), which lets a search be narrowed to them before anything is loaded.
     */
    public boolean mayShareAnything(AccessRequest request, Collection<Consent> consents) {
        for (Consent consent : consents) {
            if (whySkipped(consent, request).isEmpty() && ProvisionEvaluator.mayPermit(request.accessor(), request.at(), consent)) {
                return true;
            }
        }
        return false;
    }

    private ConsentDecision byConsents(AccessRequest request, Collection<Consent> consents, IBaseResource resource) {
        ResourceCategories categories = catalogue.classify(resource);
        ProvisionEvaluator evaluator = new ProvisionEvaluator(request.accessor(), request.at(), categories);
        List<Match> denies = new ArrayList<>();
        List<Match> permits = new ArrayList<>();
        List<Match> permitsWithoutSensitive = new ArrayList<>();
        List<DecisionTexts.Note> notApplicable = new ArrayList<>();
        for (Consent consent : consents) {
            Optional<DecisionTexts.Note> skipped = whySkipped(consent, request);
            if (skipped.isPresent()) {
                notApplicable.add(skipped.get());
                continue;
            }
            Optional<Match> match = evaluator.evaluate(consent);
            if (match.isEmpty()) {
                notApplicable.add(texts.notCovering(consent, request.at()));
            } else if (match.get().deny()) {
                denies.add(match.get());
            } else if (coversSensitive(match.get(), categories)) {
                permits.add(match.get());
            } else {
                permitsWithoutSensitive.add(match.get());
            }
        }
        if (!denies.isEmpty()) {
            return texts.consentDeny(latest(denies), request.accessor(), resource);
        }
        if (!permits.isEmpty()) {
            return texts.consentPermit(latest(permits), request.accessor(), resource);
        }
        if (!permitsWithoutSensitive.isEmpty()) {
            return texts.sensitiveNotExplicit(latest(permitsWithoutSensitive), categories, resource);
        }
        return texts.noApplicableConsent(request.accessor(), resource, categories, notApplicable);
    }

    /** Sensitive data needs, for each of its sensitive categories, that category (or its parent) named on the permit's chain. */
    private boolean coversSensitive(Match permit, ResourceCategories categories) {
        List<String> named = permit.categoryCodes().stream().filter(catalogue::isSensitive).toList();
        return categories.sensitive().stream()
                .allMatch(s -> named.stream().anyMatch(n -> catalogue.isSelfOrAncestor(n, s)));
    }

    private Optional<DecisionTexts.Note> whySkipped(Consent consent, AccessRequest request) {
        if (!belongsTo(consent, request.owner())) {
            return Optional.of(texts.skipped(consent, "của công dân khác", "another citizen's"));
        }
        if (consent.getStatus() != Consent.ConsentState.ACTIVE) {
            String status = consent.getStatus() == null ? "?" : consent.getStatus().toCode();
            return Optional.of(texts.skipped(consent, "trạng thái " + status + ", không còn hiệu lực",
                    "status " + status + ", not in force"));
        }
        boolean privacy = !consent.hasScope() || consent.getScope().getCoding().stream()
                .anyMatch(c -> PRIVACY_SCOPE_SYSTEM.equals(c.getSystem()) && "patient-privacy".equals(c.getCode()));
        if (!privacy) {
            return Optional.of(texts.skipped(consent, "không phải đồng ý chia sẻ dữ liệu", "not a data-sharing consent"));
        }
        return Optional.empty();
    }

    static boolean belongsTo(Consent consent, RecordOwner owner) {
        if (owner.patientReference() != null && consent.getPatient().hasReference()
                && owner.patientReference().equals(consent.getPatient().getReferenceElement().toUnqualifiedVersionless().getValue())) {
            return true;
        }
        Identifier id = consent.getPatient().getIdentifier();
        return owner.citizenId() != null && id != null && NhrIdentifierSystems.CITIZEN_ID.equals(id.getSystem())
                && owner.citizenId().equals(id.getValue());
    }

    /** The facility that wrote the resource, from {@code meta.source} ({@code urn:nhr:facility:01001#request-id}). */
    public static Optional<String> authoringFacility(IBaseResource resource) {
        String source = resource.getMeta() == null ? null : sourceOf(resource);
        if (source == null || !source.startsWith(FACILITY_SOURCE_PREFIX)) {
            return Optional.empty();
        }
        String code = source.substring(FACILITY_SOURCE_PREFIX.length());
        int hash = code.indexOf('#');
        code = (hash >= 0 ? code.substring(0, hash) : code).strip();
        return code.isEmpty() ? Optional.empty() : Optional.of(code);
    }

    private static String sourceOf(IBaseResource resource) {
        return resource instanceof org.hl7.fhir.r4.model.Resource r && r.getMeta().hasSource() ? r.getMeta().getSource() : null;
    }

    /** Among several Consents deciding alike, the one decided last names the reason. */
    private static Match latest(List<Match> matches) {
        return matches.stream().max(Comparator.comparing(m -> m.consent().getDateTime(),
                Comparator.nullsFirst(Comparator.naturalOrder()))).orElseThrow();
    }
}
