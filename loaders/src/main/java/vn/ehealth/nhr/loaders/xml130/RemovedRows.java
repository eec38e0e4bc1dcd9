package vn.ehealth.nhr.loaders.xml130;

import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A corrected file loaded again may lack a row of the first load (a drug line, a result, a secondary
 * diagnosis): the resource that row made is marked {@code entered-in-error} in the same transaction
 * as the update, so the record says what the hospital's file now says. Not deleted: a facility's
 * system has no delete scope (SMART {@code system/*.cu}), and entered-in-error tells whoever saw the
 * resource that it was withdrawn (ADR 0013). A resource belongs to the episode's rows when it carries
 * the facility's row identifier {@code MA_LK/TABLE/key}; whatever the transaction does not write again
 * under the same type and identifier is withdrawn. Resources written otherwise (by an EMR through
 * FHIR) carry no such identifier and are never touched.
 */
final class RemovedRows {

    private RemovedRows() {
    }

    static final String ENTERED_IN_ERROR = "entered-in-error";
    private static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

    /** {@code mapped} with an update to entered-in-error for each stored row resource the new file no longer has. */
    static MappedEpisode withdrawGone(MappedEpisode mapped, EpisodeInventory inventory) {
        String facility = mapped.episode().facility();
        String maLk = mapped.maLk();
        if (facility == null || maLk == null) {
            return mapped;
        }
        List<Resource> stored = inventory.stored(NhrIdentifierSystems.treatmentEpisode(facility), maLk);
        if (stored.isEmpty()) {
            return mapped;
        }
        String rowSystem = EpisodeMapping.ROW_SYSTEM_PREFIX + facility;
        String prefix = maLk + "/";
        Set<String> written = new HashSet<>();
        for (Bundle.BundleEntryComponent e : mapped.transaction().getEntry()) {
            for (Identifier id : identifiers(e.getResource())) {
                if (rowSystem.equals(id.getSystem())) {
                    written.add(e.getResource().fhirType() + "|" + id.getValue());
                }
            }
        }
        Bundle tx = mapped.transaction();
        List<String> sources = new ArrayList<>(mapped.entrySources());
        Set<String> withdrawn = new HashSet<>();
        for (Resource r : stored) {
            for (Identifier id : identifiers(r)) {
                String value = id.getValue();
                if (rowSystem.equals(id.getSystem()) && value != null && value.startsWith(prefix)
                        && !written.contains(r.fhirType() + "|" + value)) {
                    String url = r.fhirType() + "/" + r.getIdElement().getIdPart();
                    Resource marked = markedInError(r);
                    if (marked != null && withdrawn.add(url)) {
                        tx.addEntry().setResource(marked).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(url);
                        sources.add(value.substring(prefix.length()).replace('/', ' ') + " (dòng đã bỏ / removed row)");
                    }
                    break;
                }
            }
        }
        return withdrawn.isEmpty() ? mapped : new MappedEpisode(mapped.episode(), tx, List.copyOf(sources), mapped.problems());
    }

    /** How many resources {@link #withdrawGone} marked (updates by id: the mapping's own entries are conditional). */
    static int count(Bundle transaction) {
        return (int) transaction.getEntry().stream()
                .filter(e -> e.getRequest().getMethod() == Bundle.HTTPVerb.PUT && !e.getRequest().getUrl().contains("?")).count();
    }

    /** A copy marked entered-in-error (a RelatedPerson: inactive); null when it already is (or the type has no status to mark). */
    private static Resource markedInError(Resource stored) {
        Resource r = stored.copy();
        r.setId(stored.getIdElement().toUnqualifiedVersionless());
        r.getMeta().setVersionId(null).setLastUpdated(null);
        if (r instanceof Condition c) {
            if (c.getVerificationStatus().hasCoding(CONDITION_VERIFICATION, ENTERED_IN_ERROR)) {
                return null;
            }
            // con-5: no clinical status on a condition entered in error
            c.setClinicalStatus(null);
            c.setVerificationStatus(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(CONDITION_VERIFICATION,
                    ENTERED_IN_ERROR, "Entered in Error")));
            return c;
        }
        if (r instanceof RelatedPerson p) {
            // a relative has no status: no longer active is how the record stops naming them
            if (p.hasActive() && !p.getActive()) {
                return null;
            }
            return p.setActive(false);
        }
        try {
            Base[] status = r.getProperty("status".hashCode(), "status", false);
            if (status.length == 1 && ENTERED_IN_ERROR.equals(status[0].primitiveValue())) {
                return null;
            }
            r.setProperty("status", new CodeType(ENTERED_IN_ERROR));
            return r;
        } catch (FHIRException e) {
            return null;
        }
    }

    private static List<Identifier> identifiers(Resource r) {
        if (r == null) {
            return List.of();
        }
        Property p = r.getNamedProperty("identifier");
        if (p == null) {
            return List.of();
        }
        List<Identifier> out = new ArrayList<>();
        for (Base b : p.getValues()) {
            if (b instanceof Identifier i) {
                out.add(i);
            }
        }
        return out;
    }
}
