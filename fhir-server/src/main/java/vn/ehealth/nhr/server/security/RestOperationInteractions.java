package vn.ehealth.nhr.server.security;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;

import java.util.Locale;
import java.util.Map;

import static vn.ehealth.nhr.server.security.InteractionRequirement.Kind.NO_SCOPE;
import static vn.ehealth.nhr.server.security.InteractionRequirement.Kind.PER_ENTRY;
import static vn.ehealth.nhr.server.security.InteractionRequirement.Kind.UNMAPPED;
import static vn.ehealth.nhr.server.security.InteractionRequirement.allOf;
import static vn.ehealth.nhr.server.security.InteractionRequirement.of;
import static vn.ehealth.nhr.server.security.SmartInteraction.CREATE;
import static vn.ehealth.nhr.server.security.SmartInteraction.DELETE;
import static vn.ehealth.nhr.server.security.SmartInteraction.READ;
import static vn.ehealth.nhr.server.security.SmartInteraction.SEARCH;
import static vn.ehealth.nhr.server.security.SmartInteraction.UPDATE;

/**
 * Which SMART interactions each HAPI {@link RestOperationTypeEnum} needs on the resource type it
 * addresses (for system-level operations, on every type it touches).
 *
 * <table>
 * <caption>The mapping</caption>
 * <tr><th>HAPI operation</th><th>needs</th><th>why</th></tr>
 * <tr><td>READ, VREAD, HISTORY_INSTANCE, META, GET_TAGS</td><td>r</td><td>SMART v2: r covers read, vread, instance history</td></tr>
 * <tr><td>SEARCH_TYPE, SEARCH_SYSTEM, GET_PAGE</td><td>s</td><td>a page continues a search; its entries are filtered again</td></tr>
 * <tr><td>HISTORY_TYPE, HISTORY_SYSTEM</td><td>r + s</td><td>SMART v2 files type history under s; it also returns whole resources, so r too</td></tr>
 * <tr><td>CREATE</td><td>c</td><td></td></tr>
 * <tr><td>UPDATE, PATCH, META_ADD, META_DELETE, ADD_TAGS, DELETE_TAGS</td><td>u</td><td>SMART v2: u covers update-as-create and patch</td></tr>
 * <tr><td>UPDATE_REWRITE_HISTORY</td><td>u</td><td>administrators only, decided elsewhere</td></tr>
 * <tr><td>DELETE</td><td>d</td><td></td></tr>
 * <tr><td>TRANSACTION, BATCH</td><td>per entry</td><td>each entry is judged as the request it stands for</td></tr>
 * <tr><td>VALIDATE</td><td>r</td><td>instance validation reads the stored resource, and its findings can reveal content</td></tr>
 * <tr><td>GRAPHQL_REQUEST</td><td>r + s</td><td>a query reads and searches</td></tr>
 * <tr><td>METADATA</td><td>nothing</td><td>the CapabilityStatement is public</td></tr>
 * <tr><td>EXTENDED_OPERATION_*</td><td>by name, see {@link #OPERATIONS}</td><td>an unknown operation is refused</td></tr>
 * </table>
 * Terminology operations still need r here; that read-only terminology is public (no token at all)
 * is decided before scopes, by the authentication layer.
 */
public final class RestOperationInteractions {

    /** Extended operations by name (without {@code $}), whatever level they are invoked at. */
    static final Map<String, InteractionRequirement> OPERATIONS = Map.ofEntries(
            Map.entry("everything", allOf("$everything reads the patient and searches their compartment", READ, SEARCH)),
            Map.entry("summary", allOf("$summary reads the patient and searches their compartment", READ, SEARCH)),
            Map.entry("document", allOf("$document reads a Composition and searches what it references", READ, SEARCH)),
            Map.entry("render", allOf("$render reads a Composition and what it references, as $document", READ, SEARCH)),
            Map.entry("export", allOf("bulk export reads every resource of the exported types (SMART Bulk Data: .rs)", READ, SEARCH)),
            Map.entry("meta", allOf("$meta reads tags and profiles", READ)),
            Map.entry("meta-add", allOf("$meta-add changes the resource", UPDATE)),
            Map.entry("meta-delete", allOf("$meta-delete changes the resource", UPDATE)),
            Map.entry("validate", allOf("$validate may read the stored instance", READ)),
            Map.entry("lookup", allOf("terminology read", READ)),
            Map.entry("validate-code", allOf("terminology read", READ)),
            Map.entry("expand", allOf("terminology read", READ)),
            Map.entry("translate", allOf("terminology read", READ)),
            Map.entry("subsumes", allOf("terminology read", READ)),
            Map.entry("import-xml130", of(PER_ENTRY, "each episode is a transaction whose entries are judged as writes")),
            Map.entry("diff", allOf("$diff reads versions of a resource", READ)),
            Map.entry("expunge", allOf("$expunge destroys resources (administrators only, decided elsewhere)", DELETE)),
            Map.entry("upload-external-code-system",
                    allOf("loads a code system (administrators only, decided elsewhere)", CREATE, UPDATE)));

    private RestOperationInteractions() {
    }

    /**
     * What {@code operation} needs. {@code operationName} is the extended operation's name
     * ({@code $everything} or {@code everything}); ignored for other operations.
     */
    public static InteractionRequirement required(RestOperationTypeEnum operation, String operationName) {
        return switch (operation) {
            case READ, VREAD -> allOf("read", READ);
            case HISTORY_INSTANCE -> allOf("SMART v2: instance history is covered by r", READ);
            case META, GET_TAGS -> allOf("reads tags and profiles", READ);
            case SEARCH_TYPE, SEARCH_SYSTEM -> allOf("search", SEARCH);
            case GET_PAGE -> allOf("a page continues a search; its entries are filtered again", SEARCH);
            case HISTORY_TYPE, HISTORY_SYSTEM ->
                    allOf("SMART v2 files type history under s; it returns whole resources, so r too", READ, SEARCH);
            case CREATE -> allOf("create", CREATE);
            case UPDATE -> allOf("SMART v2: u covers update, including update-as-create", UPDATE);
            case PATCH -> allOf("SMART v2: u covers patch", UPDATE);
            case META_ADD, META_DELETE, ADD_TAGS, DELETE_TAGS -> allOf("changes the resource's meta", UPDATE);
            case UPDATE_REWRITE_HISTORY -> allOf("rewrites a version (administrators only, decided elsewhere)", UPDATE);
            case DELETE -> allOf("delete", DELETE);
            case TRANSACTION, BATCH -> of(PER_ENTRY, "each entry is judged as the request it stands for");
            case VALIDATE -> allOf("$validate may read the stored instance, and its findings can reveal content", READ);
            case GRAPHQL_REQUEST -> allOf("a GraphQL query reads and searches", READ, SEARCH);
            case METADATA -> of(NO_SCOPE, "the CapabilityStatement is public");
            case EXTENDED_OPERATION_SERVER, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE -> forOperation(operationName);
        };
    }

    private static InteractionRequirement forOperation(String operationName) {
        String name = operationName == null ? "" : operationName.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("$")) {
            name = name.substring(1);
        }
        InteractionRequirement known = OPERATIONS.get(name);
        return known != null ? known
                : of(UNMAPPED, "operation $" + name + " is not classified; refused until it is");
    }
}
