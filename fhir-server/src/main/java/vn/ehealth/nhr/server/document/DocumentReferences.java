package vn.ehealth.nhr.server.document;

import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every reference the resources of a FHIR document make, where it sits (a FHIRPath into the
 * document, {@code Bundle.entry[0].resource.encounter}) and which entry it points at, by the
 * guide's rule {@code nhr-doc-references-resolve}: the entry's exact {@code fullUrl}, or
 * {@code Type/id} matching the end of an http(s) {@code fullUrl}. Contained references
 * ({@code #…}) and references by identifier only are not links between entries.
 */
final class DocumentReferences {

    /** The rule this checks, shared with the guide's invariant so that vendors see one key. */
    static final String RULE = "nhr-doc-references-resolve";

    private static final Pattern TYPE_AND_ID_AT_END = Pattern.compile("^https?://.*/([A-Za-z]+/[A-Za-z0-9.-]{1,64})$");
    private static final Pattern HISTORY = Pattern.compile("/_history/[^/]+$");

    /** One reference: the entry that makes it, its path, the Reference itself and the entry it resolves to (-1: none). */
    record Link(int entry, String path, Reference reference, int target) {
        boolean resolved() {
            return target >= 0;
        }
    }

    private DocumentReferences() {
    }

    /** Every link of the document, in entry order. */
    static List<Link> of(Bundle document) {
        Map<String, Integer> index = index(document);
        List<Link> links = new ArrayList<>();
        List<Bundle.BundleEntryComponent> entries = document.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).hasResource()) {
                int entry = i;
                walk(entries.get(i).getResource(), "Bundle.entry[" + i + "].resource", (path, ref) ->
                        links.add(new Link(entry, path, ref, resolve(index, ref.getReference()))));
            }
        }
        return links;
    }

    /** The links that point at no entry. */
    static List<Link> unresolved(Bundle document) {
        return of(document).stream().filter(l -> !l.resolved()).toList();
    }

    /** fullUrl, and Type/id at the end of an http(s) fullUrl, to entry index (the first entry wins). */
    static Map<String, Integer> index(Bundle document) {
        Map<String, Integer> index = new HashMap<>();
        List<Bundle.BundleEntryComponent> entries = document.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            String fullUrl = entries.get(i).getFullUrl();
            if (fullUrl == null || fullUrl.isBlank()) {
                continue;
            }
            index.putIfAbsent(fullUrl, i);
            Matcher m = TYPE_AND_ID_AT_END.matcher(fullUrl);
            if (m.matches()) {
                index.putIfAbsent(m.group(1), i);
            }
        }
        return index;
    }

    static int resolve(Map<String, Integer> index, String reference) {
        if (reference == null) {
            return -1;
        }
        Integer exact = index.get(reference);
        if (exact != null) {
            return exact;
        }
        Integer unversioned = index.get(HISTORY.matcher(reference).replaceFirst(""));
        return unversioned != null ? unversioned : -1;
    }

    private interface Visitor {
        void reference(String path, Reference reference);
    }

    /** Depth-first over the element tree, naming each element as FHIRPath does (index only on repeating elements). */
    private static void walk(Base element, String path, Visitor visitor) {
        if (element instanceof Reference ref && ref.hasReference() && !ref.getReference().startsWith("#")) {
            visitor.reference(path, ref);
        }
        for (Property property : element.children()) {
            List<Base> values = property.getValues();
            for (int i = 0; i < values.size(); i++) {
                Base value = values.get(i);
                if (value == null) {
                    continue;
                }
                String name = property.getName();
                if (name.endsWith("[x]")) {
                    String type = value.fhirType();
                    name = name.substring(0, name.length() - 3) + Character.toUpperCase(type.charAt(0)) + type.substring(1);
                }
                String child = path + "." + name + (property.getMaxCardinality() > 1 ? "[" + i + "]" : "");
                walk(value, child, visitor);
            }
        }
    }
}
