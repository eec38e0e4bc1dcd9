package vn.ehealth.nhr.ig.site;

import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.ElementDefinition.ElementDefinitionBindingComponent;
import org.hl7.fhir.r4.model.ElementDefinition.TypeRefComponent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.Type;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static vn.ehealth.nhr.ig.site.Html.code;
import static vn.ehealth.nhr.ig.site.Html.esc;
import static vn.ehealth.nhr.ig.site.Html.linkOrCode;

/**
 * The element table of a profile: the snapshot, restricted to the elements the differential
 * mentions and their ancestors, so a reader sees what the profile changes in its context.
 */
final class ElementTable {

    private final GuideContent content;

    ElementTable(GuideContent content) {
        this.content = content;
    }

    /** Ids of the differential's elements and all their ancestors. */
    static Set<String> mentioned(StructureDefinition sd) {
        Set<String> ids = new LinkedHashSet<>();
        for (ElementDefinition e : sd.getDifferential().getElement()) {
            String id = idOf(e);
            String[] parts = id.split("\\.");
            StringBuilder prefix = new StringBuilder();
            for (String part : parts) {
                prefix.append(prefix.isEmpty() ? "" : ".").append(part);
                ids.add(prefix.toString());
            }
        }
        return ids;
    }

    static String idOf(ElementDefinition e) {
        return e.hasId() ? e.getId() : e.getPath();
    }

    /** The anchor of an element's row. */
    static String anchor(String elementId) {
        return "el-" + elementId;
    }

    /** The elements to show, in snapshot order (the differential when there is no snapshot). */
    static List<ElementDefinition> rows(StructureDefinition sd) {
        if (!sd.hasSnapshot() || sd.getSnapshot().getElement().isEmpty()) {
            return sd.getDifferential().getElement();
        }
        Set<String> ids = mentioned(sd);
        return sd.getSnapshot().getElement().stream().filter(e -> ids.contains(idOf(e))).toList();
    }

    String render(StructureDefinition sd) {
        Set<String> own = sd.getDifferential().getElement().stream().map(ElementTable::idOf).collect(Collectors.toSet());
        StringBuilder html = new StringBuilder("<table class=\"elements\">\n");
        html.append(Html.headerRow("Phần tử (element)", "Số lượng (card.)", "Kiểu (type)",
                "Mô tả ngắn (short)", "Ràng buộc (constraints, binding)"));
        for (ElementDefinition e : rows(sd)) {
            String id = idOf(e);
            int depth = e.getPath().split("\\.").length - 1;
            String[] segments = e.getPath().split("\\.");
            String name = segments[segments.length - 1] + (e.hasSliceName() ? ":" + e.getSliceName() : "");
            html.append("<tr id=\"").append(esc(anchor(id))).append("\"")
                    .append(own.contains(id) ? " class=\"changed\"" : "").append(">")
                    .append("<td class=\"path\" style=\"padding-left:").append(0.4 + depth * 1.2).append("em\" title=\"")
                    .append(esc(id)).append("\">").append(esc(name)).append("</td>")
                    .append(Html.td(cardinality(e)))
                    .append(Html.tdHtml(types(e)))
                    .append(Html.td(e.getShort()))
                    .append(Html.tdHtml(constraints(sd, e)))
                    .append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    private static String cardinality(ElementDefinition e) {
        String min = e.hasMin() ? String.valueOf(e.getMin()) : "";
        String max = e.hasMax() ? e.getMax() : "";
        return min.isEmpty() && max.isEmpty() ? "" : min + ".." + max;
    }

    private String types(ElementDefinition e) {
        List<String> out = new ArrayList<>();
        for (TypeRefComponent t : e.getType()) {
            StringBuilder s = new StringBuilder(esc(t.getCode()));
            if (t.hasProfile()) {
                s.append(" (").append(canonicals(t.getProfile())).append(")");
            }
            if (t.hasTargetProfile()) {
                s.append(" → ").append(canonicals(t.getTargetProfile()));
            }
            out.add(s.toString());
        }
        return String.join("<br>", out);
    }

    private String canonicals(List<CanonicalType> urls) {
        return urls.stream().map(c -> canonicalLink(c.getValue())).collect(Collectors.joining(" | "));
    }

    /** A link to the page of a canonical in the package (by its title), else its last segment as code. */
    String canonicalLink(String url) {
        String page = content.pageOf(url);
        if (page != null) {
            return "<a href=\"" + esc(page) + "\" title=\"" + esc(url) + "\">"
                    + esc(content.resource(url).map(GuideContent::label).orElse(url)) + "</a>";
        }
        String tail = url == null ? "" : url.substring(url.lastIndexOf('/') + 1);
        return "<code title=\"" + esc(url) + "\">" + esc(tail) + "</code>";
    }

    private String constraints(StructureDefinition sd, ElementDefinition e) {
        List<String> out = new ArrayList<>();
        if (e.getMustSupport()) {
            out.add("<span class=\"flag\">S</span> must support");
        }
        if (e.hasFixed()) {
            out.add("Cố định (fixed): " + code(valueText(e.getFixed())));
        }
        if (e.hasPattern()) {
            out.add("Mẫu (pattern): " + code(valueText(e.getPattern())));
        }
        if (e.hasBinding() && e.getBinding().hasValueSet()) {
            out.add(binding("Danh mục (binding)", e.getBinding()));
        }
        for (TypeRefComponent t : e.getType()) {
            for (CanonicalType p : t.getProfile()) {
                content.structureDefinition(p.getValue()).filter(GuideContent::isExtension)
                        .ifPresent(ext -> out.addAll(extensionBindings(ext)));
            }
        }
        List<String> keys = e.getConstraint().stream()
                .filter(c -> ownsConstraint(sd, c))
                .map(c -> "<a href=\"#" + esc(ProfilePage.invariantAnchor(c.getKey())) + "\">" + esc(c.getKey()) + "</a>")
                .toList();
        if (!keys.isEmpty()) {
            out.add("Quy tắc (invariants): " + String.join(", ", keys));
        }
        return String.join("<br>", out);
    }

    /** An invariant the profile itself states (in its differential), not one inherited from the base. */
    static boolean ownsConstraint(StructureDefinition sd, ElementDefinition.ElementDefinitionConstraintComponent c) {
        return ownsConstraint(sd, c.getKey());
    }

    static boolean ownsConstraint(StructureDefinition sd, String key) {
        return sd.getDifferential().getElement().stream()
                .flatMap(d -> d.getConstraint().stream())
                .anyMatch(d -> d.getKey().equals(key));
    }

    /** The bindings an extension of the guide states on its value(s): shown where the extension is used. */
    private List<String> extensionBindings(StructureDefinition ext) {
        List<String> out = new ArrayList<>();
        for (ElementDefinition d : ext.getDifferential().getElement()) {
            if (d.hasBinding() && d.getBinding().hasValueSet()) {
                String where = idOf(d).replaceFirst("^Extension\\.", "");
                out.add(binding("Giá trị của phần mở rộng (" + where + ")", d.getBinding()));
            }
        }
        return out;
    }

    private String binding(String label, ElementDefinitionBindingComponent b) {
        String strength = b.hasStrength() ? b.getStrength().toCode() : "";
        return esc(label) + ": <span class=\"strength\">" + esc(strength) + "</span> "
                + canonicalLinkWithUrl(b.getValueSet());
    }

    private String canonicalLinkWithUrl(String url) {
        String page = content.pageOf(url);
        Optional<String> label = content.resource(url).map(GuideContent::label);
        return page == null ? code(url) : linkOrCode(page, url) + label.map(l -> " (" + esc(l) + ")").orElse("");
    }

    /** A fixed or pattern value as short text. */
    static String valueText(Type value) {
        if (value instanceof PrimitiveType<?> p) {
            return p.getValueAsString();
        }
        if (value instanceof Coding c) {
            return coding(c);
        }
        if (value instanceof CodeableConcept cc) {
            return cc.getCoding().stream().map(ElementTable::coding).collect(Collectors.joining(", "))
                    + (cc.hasText() ? " \"" + cc.getText() + "\"" : "");
        }
        if (value instanceof Identifier id) {
            return (id.hasSystem() ? id.getSystem() : "") + "|" + (id.hasValue() ? id.getValue() : "");
        }
        if (value instanceof Quantity q) {
            return (q.hasValue() ? q.getValue().toPlainString() : "") + " " + (q.hasCode() ? q.getCode() : q.getUnit());
        }
        return value.fhirType();
    }

    private static String coding(Coding c) {
        return (c.hasSystem() ? c.getSystem() : "") + "#" + (c.hasCode() ? c.getCode() : "")
                + (c.hasDisplay() ? " \"" + c.getDisplay() + "\"" : "");
    }
}
