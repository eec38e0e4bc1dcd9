package vn.ehealth.nhr.loaders.catalogue;

import java.time.LocalDate;

/**
 * What the command line says about a catalogue file: its identity and provenance, and which
 * columns hold the code, the Vietnamese name and the optional parent, English name and validity
 * dates. Column names are compared as {@code TableReader} does (case- and space-insensitive).
 */
public record CatalogueSpec(
        String id,
        String title,
        String version,
        String publisher,
        String legalBasis,
        LocalDate effectiveFrom,
        LocalDate effectiveTo,
        String codeColumn,
        String nameColumn,
        String parentColumn,
        String englishColumn,
        String fromColumn,
        String toColumn) {

    /** Canonical base shared with the shipped catalogues (NhrTerminology.CANONICAL_BASE). */
    static final String BASE = vn.ehealth.nhr.terminology.NhrTerminology.CANONICAL_BASE;

    public String codeSystemUrl() {
        return BASE + "/CodeSystem/" + id;
    }

    public String valueSetUrl() {
        return BASE + "/ValueSet/" + id;
    }
}
