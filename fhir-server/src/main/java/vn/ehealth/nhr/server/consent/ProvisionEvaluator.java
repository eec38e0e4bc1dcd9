package vn.ehealth.nhr.server.consent;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.hl7.fhir.r4.model.Identifier;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.consent.DataCategoryCatalogue.ResourceCategories;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Walks the provision tree of one Consent for one access. A provision applies when its actor,
 * period, action, class and data category all match (a missing element matches anything); a
 * nested provision is an exception to its parent and is only looked at when the parent applies.
 * The deepest applying provision decides; at equal depth deny beats permit.
 */
final class ProvisionEvaluator {

    static final String ACTION_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentaction";
    static final String RESOURCE_TYPES_SYSTEM = "http://hl7.org/fhir/resource-types";

    /** The provision that decides for one Consent, with its ancestors (root first). */
    record Match(Consent consent, ProvisionComponent provision, String path, int depth, List<ProvisionComponent> chain) {

        boolean deny() {
            return provision.getType() == ConsentProvisionType.DENY;
        }

        String consentId() {
            return "Consent/" + consent.getIdElement().getIdPart();
        }

        /** Every data-category code named along the chain (the provision and the ones it is an exception of). */
        List<String> categoryCodes() {
            List<String> codes = new ArrayList<>();
            for (ProvisionComponent p : chain) {
                codes.addAll(ProvisionEvaluator.categoryCodes(p));
            }
            return codes;
        }
    }

    private final Accessor accessor;
    private final Instant at;
    private final ResourceCategories resource;

    ProvisionEvaluator(Accessor accessor, Instant at, ResourceCategories resource) {
        this.accessor = accessor;
        this.at = at;
        this.resource = resource;
    }

    /** The deciding provision of this Consent, or empty when none applies. */
    Optional<Match> evaluate(Consent consent) {
        if (!consent.hasProvision()) {
            return Optional.empty();
        }
        List<Match> applying = new ArrayList<>();
        walk(consent, consent.getProvision(), "provision", 0, List.of(), applying);
        return applying.stream()
                .max(Comparator.comparingInt(Match::depth).thenComparing(m -> m.deny() ? 1 : 0));
    }

    private void walk(Consent consent, ProvisionComponent p, String path, int depth,
                      List<ProvisionComponent> ancestors, List<Match> out) {
        if (!applies(p)) {
            return;
        }
        List<ProvisionComponent> chain = new ArrayList<>(ancestors);
        chain.add(p);
        if (p.hasType()) {
            out.add(new Match(consent, p, path, depth, List.copyOf(chain)));
        }
        for (int i = 0; i < p.getProvision().size(); i++) {
            walk(consent, p.getProvision().get(i), path + ".provision[" + i + "]", depth + 1, chain, out);
        }
    }

    /**
     * Could this Consent permit the accessor anything at that moment? True when some permit provision's
     * period and actor apply along its whole chain; action, class and data category are not looked at,
     * so the answer errs towards "yes" (a "no" is certain: nothing of the record is shared by it).
     */
    static boolean mayPermit(Accessor accessor, Instant at, Consent consent) {
        ProvisionEvaluator evaluator = new ProvisionEvaluator(accessor, at, null);
        return consent.hasProvision() && evaluator.mayPermit(consent.getProvision());
    }

    private boolean mayPermit(ProvisionComponent p) {
        if (!ConsentPeriods.covers(p.getPeriod(), at) || !actorMatches(p)) {
            return false;
        }
        return p.getType() == ConsentProvisionType.PERMIT || p.getProvision().stream().anyMatch(this::mayPermit);
    }

    private boolean applies(ProvisionComponent p) {
        return ConsentPeriods.covers(p.getPeriod(), at) && actorMatches(p) && actionMatches(p)
                && classMatches(p) && categoryMatches(p);
    }

    private boolean actorMatches(ProvisionComponent p) {
        if (!p.hasActor()) {
            return true;
        }
        for (Consent.provisionActorComponent actor : p.getActor()) {
            Identifier id = actor.getReference().getIdentifier();
            if (id == null || !id.hasValue()) {
                continue;
            }
            String value = id.getValue().strip();
            if (NhrIdentifierSystems.FACILITY_CODE.equals(id.getSystem()) && value.equals(accessor.facilityCode())) {
                return true;
            }
            if (NhrIdentifierSystems.PRACTITIONER_LICENCE.equals(id.getSystem()) && value.equals(accessor.licence())) {
                return true;
            }
        }
        return false;
    }

    /** Reads are the consent action "access"; a provision naming other actions only does not apply. */
    private static boolean actionMatches(ProvisionComponent p) {
        if (!p.hasAction()) {
            return true;
        }
        return p.getAction().stream().flatMap(a -> a.getCoding().stream())
                .anyMatch(c -> ACTION_SYSTEM.equals(c.getSystem()) && "access".equals(c.getCode()));
    }

    private boolean classMatches(ProvisionComponent p) {
        if (!p.hasClass_()) {
            return true;
        }
        for (Coding c : p.getClass_()) {
            if ((!c.hasSystem() || RESOURCE_TYPES_SYSTEM.equals(c.getSystem())) && resource.resourceType().equals(c.getCode())) {
                return true;
            }
        }
        return false;
    }

    private boolean categoryMatches(ProvisionComponent p) {
        if (!p.hasCode()) {
            return true;
        }
        return categoryCodes(p).stream().anyMatch(resource.categories()::contains);
    }

    static List<String> categoryCodes(ProvisionComponent p) {
        List<String> codes = new ArrayList<>();
        for (CodeableConcept cc : p.getCode()) {
            for (Coding c : cc.getCoding()) {
                if (DataCategoryCatalogue.SYSTEM.equals(c.getSystem()) && c.hasCode()) {
                    codes.add(c.getCode());
                }
            }
        }
        return codes;
    }
}
