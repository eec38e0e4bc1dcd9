package vn.ehealth.nhr.server.security;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;

import java.util.Locale;
import java.util.Set;

/**
 * Resource types the access rules treat alike, by what they hold: public catalogues, the
 * directory of facilities and professionals, and the definitions only administrators change.
 */
public final class ResourceKinds {

    /** The national catalogues: read by anyone, even without a token (issue 5, rule 1). */
    public static final Set<String> PUBLIC_CATALOGUES = Set.of("CodeSystem", "ValueSet", "ConceptMap");

    /** Read-only terminology operations on the catalogues. */
    public static final Set<String> CATALOGUE_OPERATIONS = Set.of("lookup", "validate-code", "expand", "translate", "subsumes");

    /**
     * Definitions (profiles, search parameters, naming systems…) and catalogues: no personal data,
     * readable by every signed-in caller, written by administrators only (they change how every
     * record is validated and searched).
     */
    public static final Set<String> DEFINITIONS = Set.of("CodeSystem", "ValueSet", "ConceptMap", "NamingSystem",
            "StructureDefinition", "StructureMap", "SearchParameter", "ImplementationGuide", "OperationDefinition",
            "CapabilityStatement", "CompartmentDefinition", "Questionnaire", "Library");
    // Subscription is not a definition: it names its owner and endpoint, and is seen by its owner only (subscription/).

    /**
     * The directory: facilities, places, professionals, medicines. Not part of any citizen's record;
     * readable by every signed-in caller so a record's references can be shown.
     */
    public static final Set<String> DIRECTORY = Set.of("Organization", "Location", "Practitioner", "PractitionerRole",
            "HealthcareService", "Endpoint", "Medication", "Substance", "MedicationKnowledge");

    /** Operations only administrators may run whatever their scopes. */
    public static final Set<String> ADMINISTRATOR_OPERATIONS = Set.of("upload-external-code-system",
            "apply-codesystem-delta-add", "apply-codesystem-delta-remove", "expunge", "reindex", "reindex-terminology",
            "mark-all-resources-for-reindexing", "perform-reindexing-pass", "merge", "invalidate-expansion");

    private ResourceKinds() {
    }

    /** The operation name without {@code $}, lower case, or "". */
    public static String operationName(RequestDetails request) {
        String name = request.getOperation();
        if (name == null) {
            return "";
        }
        name = name.strip().toLowerCase(Locale.ROOT);
        return name.startsWith("$") ? name.substring(1) : name;
    }

    /** A read of the public catalogues: allowed without a token. */
    public static boolean isCatalogueRead(RequestDetails request) {
        RestOperationTypeEnum op = request.getRestOperationType();
        String type = request.getResourceName();
        if (op == null || type == null || !PUBLIC_CATALOGUES.contains(type)) {
            return false;
        }
        return switch (op) {
            case READ, VREAD, SEARCH_TYPE -> true;
            case EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE -> CATALOGUE_OPERATIONS.contains(operationName(request));
            default -> false;
        };
    }

    public static boolean isWrite(RestOperationTypeEnum op) {
        return switch (op) {
            case CREATE, UPDATE, PATCH, DELETE, META_ADD, META_DELETE, ADD_TAGS, DELETE_TAGS, UPDATE_REWRITE_HISTORY -> true;
            default -> false;
        };
    }
}
