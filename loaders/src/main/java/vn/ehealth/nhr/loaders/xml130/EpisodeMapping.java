package vn.ehealth.nhr.loaders.xml130;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The state shared by the table mappers while one episode becomes one transaction Bundle: the
 * episode, the catalogues, the entries written so far (each with the XML row it came from, so a
 * server refusal can name it) and the problems found.
 */
final class EpisodeMapping {

    /** Identifier system of the resources made from XML rows: unique per facility, value {@code MA_LK/TABLE/key}. */
    static final String ROW_SYSTEM_PREFIX = "http://fhir.ehealth.gov.vn/nhr/sid/xml130-row/";

    final Xml130Episode episode;
    final Xml130Catalogues catalogues;
    final PractitionerDirectory practitioners;
    final Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    final List<String> entrySources = new ArrayList<>();
    final List<Xml130Problem> problems = new ArrayList<>();

    String facility;
    String maLk;
    Reference patient;
    Reference encounter;
    /** The principal diagnosis first, then the secondary ones (for prescriptions' reasons). */
    final List<CodeableConcept> diagnoses = new ArrayList<>();
    /** Father, mother, guardian (XML7/XML8) by v3 role code: one RelatedPerson each per episode. */
    final Map<String, RelatedPerson> relatives = new LinkedHashMap<>();

    EpisodeMapping(Xml130Episode episode, Xml130Catalogues catalogues, PractitionerDirectory practitioners) {
        this.episode = episode;
        this.catalogues = catalogues;
        this.practitioners = practitioners;
    }

    void problem(Xml130Row row, String column, String vietnamese, String english) {
        problems.add(Xml130Problem.of(row, column, vietnamese, english));
    }

    /** Identifier of a resource made from a row: {@code MA_LK/TABLE/key} in the facility's row system. */
    Identifier rowIdentifier(Xml130Table table, String key) {
        return new Identifier().setSystem(ROW_SYSTEM_PREFIX + facility).setValue(maLk + "/" + table.name() + "/" + key);
    }

    String episodeSystem() {
        return NhrIdentifierSystems.treatmentEpisode(facility);
    }

    /**
     * Adds {@code resource} as a conditional update on its identifier, so that loading the same
     * episode again changes the resource in place; returns a reference to it.
     */
    Reference putByIdentifier(Resource resource, Identifier identifier, String source) {
        String url = resource.fhirType() + "?identifier=" + encode(identifier.getSystem() + "|" + identifier.getValue());
        return add(resource, Bundle.HTTPVerb.PUT, url, null, source);
    }

    /** Adds {@code resource} as a conditional create: stored unless a resource matches {@code identifier}. */
    Reference createUnlessExists(Resource resource, Identifier identifier, String source) {
        return add(resource, Bundle.HTTPVerb.POST, resource.fhirType(),
                "identifier=" + encode(identifier.getSystem() + "|" + identifier.getValue()), source);
    }

    private Reference add(Resource resource, Bundle.HTTPVerb verb, String url, String ifNoneExist, String source) {
        String fullUrl = "urn:uuid:" + UUID.randomUUID();
        Bundle.BundleEntryComponent entry = bundle.addEntry().setFullUrl(fullUrl).setResource(resource);
        entry.getRequest().setMethod(verb).setUrl(url).setIfNoneExist(ifNoneExist);
        entrySources.add(source);
        return new Reference(fullUrl);
    }

    /** The time in {@code column}; a problem (and null) when it is there but malformed, or missing though required. */
    DateTimeType time(Xml130Row row, String column, boolean required) {
        LocalDateTime t = localTime(row, column, required);
        return t == null ? null : Xml130Values.dateTime(t);
    }

    LocalDateTime localTime(Xml130Row row, String column, boolean required) {
        String raw = row.get(column);
        if (raw == null) {
            if (required) {
                problem(row, column, "thiếu (bắt buộc, dạng yyyyMMddHHmm)", "missing (required, yyyyMMddHHmm)");
            }
            return null;
        }
        LocalDateTime t = Xml130Values.time(raw);
        if (t == null) {
            problem(row, column, "\"" + raw + "\" không phải thời điểm dạng yyyyMMddHHmm (12 chữ số)",
                    "\"" + raw + "\" is not a yyyyMMddHHmm time (12 digits)");
        }
        return t;
    }

    String required(Xml130Row row, String column) {
        String v = row.get(column);
        if (v == null) {
            problem(row, column, "thiếu (bắt buộc)", "missing (required)");
        }
        return v;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
