package vn.ehealth.nhr.server.consent;

import java.util.List;
import java.util.Set;

/**
 * One concept of {@code vn-consent-data-category}, as the engine reads it.
 *
 * @param resourceTypes the FHIR types of the category ("*" = every type); empty for the sensitive
 *                      ones, which are recognised by codes, whatever the type
 * @param icd10Ranges   non-empty for sensitive categories: the ICD-10 codes that mark a resource
 * @param securityLabels {@code system|code} of the {@code meta.security} labels that mark a resource
 *                       as this (sensitive) category, e.g. v3-ActCode {@code HIV}
 */
public record DataCategory(String code, String vietnamese, String english, String parent,
                           Set<String> resourceTypes, List<Icd10Range> icd10Ranges, Set<String> securityLabels) {

    public DataCategory {
        resourceTypes = Set.copyOf(resourceTypes);
        icd10Ranges = List.copyOf(icd10Ranges);
        securityLabels = Set.copyOf(securityLabels);
    }

    /** Whether this category marks sensitive data (by ICD-10 codes or by security labels). */
    public boolean marksSensitiveData() {
        return !icd10Ranges.isEmpty() || !securityLabels.isEmpty();
    }

    public boolean coversType(String resourceType) {
        return resourceTypes.contains("*") || resourceTypes.contains(resourceType);
    }

    public boolean marksCode(String icd10Code) {
        return icd10Ranges.stream().anyMatch(r -> r.contains(icd10Code));
    }
}
