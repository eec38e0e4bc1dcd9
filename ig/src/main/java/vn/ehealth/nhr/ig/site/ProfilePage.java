package vn.ehealth.nhr.ig.site;

import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.ElementDefinition.ElementDefinitionConstraintComponent;
import org.hl7.fhir.r4.model.ElementDefinition.ElementDefinitionMappingComponent;
import org.hl7.fhir.r4.model.StructureDefinition;
import vn.ehealth.nhr.ig.GuideExamples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static vn.ehealth.nhr.ig.site.Html.code;
import static vn.ehealth.nhr.ig.site.Html.esc;
import static vn.ehealth.nhr.ig.site.Html.metaRow;

/**
 * The page of one StructureDefinition (profile or extension): header, elements, invariants,
 * QĐ 130 mapping and examples.
 */
final class ProfilePage {

    private final GuideContent content;
    private final Qd130Fields qd130;
    private final ElementTable elements;
    /** Every invariant of the guide by key, with the element that states it (invalid examples name them). */
    private final Map<String, ElementDefinitionConstraintComponent> rules = new HashMap<>();

    ProfilePage(GuideContent content, Qd130Fields qd130) {
        this.content = content;
        this.qd130 = qd130;
        this.elements = new ElementTable(content);
        for (StructureDefinition sd : content.structureDefinitions) {
            for (ElementDefinition e : sd.getDifferential().getElement()) {
                e.getConstraint().forEach(c -> rules.putIfAbsent(c.getKey(), c));
            }
        }
    }

    static String invariantAnchor(String key) {
        return "inv-" + key;
    }

    String render(StructureDefinition sd, String guideTitle, String version) {
        StringBuilder b = new StringBuilder();
        String kind = GuideContent.isExtension(sd) ? "Phần mở rộng (extension)" : "Hồ sơ (profile) " + sd.getType();
        b.append("<h1>").append(esc(GuideContent.label(sd))).append("</h1>\n");
        b.append("<p class=\"kind\">").append(esc(kind)).append(" — ").append(code(sd.getId())).append("</p>\n");
        b.append(header(sd));
        b.append("<h2 id=\"elements\">Các phần tử (elements)</h2>\n")
                .append("<p class=\"note\">Các phần tử mà hồ sơ này ràng buộc (in đậm) và các phần tử cha của chúng, lấy từ snapshot. ")
                .append("Elements this profile constrains (bold) and their ancestors, from the snapshot.</p>\n")
                .append(elements.render(sd));
        b.append(invariants(sd));
        b.append(mappings(sd));
        if (GuideContent.isExtension(sd)) {
            b.append(usedBy(sd));
        }
        b.append(examples(sd));
        return Html.page(GuideContent.label(sd), guideTitle, version, b.toString());
    }

    private String header(StructureDefinition sd) {
        StringBuilder t = new StringBuilder("<table class=\"meta\">\n");
        t.append(metaRow("URL (canonical)", code(sd.getUrl())));
        if (sd.hasVersion()) {
            t.append(metaRow("Phiên bản (version)", esc(sd.getVersion())));
        }
        t.append(metaRow("Tên (name)", esc(sd.getName())));
        t.append(metaRow("Kiểu (type)", code(sd.getType())));
        t.append(metaRow("Kế thừa từ (base)", elements.canonicalLink(sd.getBaseDefinition())
                + " " + code(sd.getBaseDefinition())));
        t.append(metaRow("Trạng thái (status)", esc(sd.hasStatus() ? sd.getStatus().toCode() : "")));
        if (sd.hasPublisher()) {
            t.append(metaRow("Đơn vị ban hành (publisher)", esc(sd.getPublisher())));
        }
        if (sd.hasContext()) {
            List<String> ctx = sd.getContext().stream().map(c -> c.getExpression()).toList();
            t.append(metaRow("Dùng trên (context)", Html.joinEscaped(ctx, ", ")));
        }
        t.append(metaRow("Mô tả (description)", "<div class=\"text\">" + esc(sd.getDescription()) + "</div>"));
        if (!GuideContent.isExtension(sd)) {
            t.append(metaRow("Kiểm tra (validate)", code("POST /fhir/" + sd.getType() + "/$validate")
                    + " — tài nguyên khai báo (resource declaring) " + code("meta.profile = " + sd.getUrl())));
        }
        return t.append("</table>\n").toString();
    }

    private String invariants(StructureDefinition sd) {
        StringBuilder t = new StringBuilder("<h2 id=\"invariants\">Quy tắc (invariants)</h2>\n");
        List<ElementDefinition> withRules = sd.getDifferential().getElement().stream().filter(ElementDefinition::hasConstraint).toList();
        if (withRules.isEmpty()) {
            return t.append("<p>Hồ sơ này không thêm quy tắc nào. This profile adds no invariants.</p>\n").toString();
        }
        t.append("<table class=\"invariants\">\n").append(Html.headerRow("Mã (key)", "Mức độ (severity)", "Phần tử (element)",
                "Quy tắc (tiếng Việt)", "Rule (English)", "Biểu thức FHIRPath"));
        for (ElementDefinition e : withRules) {
            for (ElementDefinitionConstraintComponent c : e.getConstraint()) {
                String english = GuideContent.englishOf(c);
                t.append("<tr id=\"").append(esc(invariantAnchor(c.getKey()))).append("\">")
                        .append(Html.tdHtml(code(c.getKey())))
                        .append(Html.td(c.hasSeverity() ? c.getSeverity().toCode() : ""))
                        .append(Html.tdHtml(linkToElement(ElementTable.idOf(e))))
                        .append(Html.td(c.getHuman()))
                        .append(Html.td(english == null ? "" : english))
                        .append(Html.tdHtml("<code class=\"expr\">" + esc(c.getExpression()) + "</code>"))
                        .append("</tr>\n");
            }
        }
        return t.append("</table>\n").toString();
    }

    private static String linkToElement(String id) {
        return "<a href=\"#" + esc(ElementTable.anchor(id)) + "\"><code>" + esc(id) + "</code></a>";
    }

    /** One row of the QĐ 130 table: the element (HTML), and a mapping. */
    private record MappingRow(String elementHtml, ElementDefinitionMappingComponent mapping) {
    }

    private String mappings(StructureDefinition sd) {
        List<MappingRow> rows = new ArrayList<>();
        for (ElementDefinition e : sd.getDifferential().getElement()) {
            qd130Mappings(e).forEach(m -> rows.add(new MappingRow(linkToElement(ElementTable.idOf(e)), m)));
            // the columns an extension of the guide carries, where the profile uses it
            e.getType().stream().flatMap(t -> t.getProfile().stream()).map(CanonicalType::getValue)
                    .map(content::structureDefinition).flatMap(Optional::stream)
                    .filter(GuideContent::isExtension)
                    .forEach(ext -> ext.getDifferential().getElement().forEach(x -> qd130Mappings(x).forEach(m ->
                            rows.add(new MappingRow(linkToElement(ElementTable.idOf(e)) + " → "
                                    + "<a href=\"" + esc(GuideContent.pageOf(ext)) + "\">" + esc(ElementTable.idOf(x)) + "</a>", m)))));
        }
        StringBuilder t = new StringBuilder("<h2 id=\"qd130\">Ánh xạ QĐ 130 (mapping to the QĐ 130/4750 XML tables)</h2>\n");
        if (rows.isEmpty()) {
            return t.append("<p>Không có ánh xạ QĐ 130. No QĐ 130 mapping.</p>\n").toString();
        }
        sd.getMapping().stream().filter(m -> Qd130Fields.MAPPING_IDENTITY.equals(m.getIdentity())).findFirst()
                .ifPresent(m -> t.append("<p>").append(esc(m.getName())).append("</p>\n"));
        t.append("<table class=\"mapping\">\n").append(Html.headerRow("Phần tử FHIR (element)", "Bảng XML (table)",
                "Cột (column)", "Kiểu, độ dài (type, size)", "Ý nghĩa (meaning, QĐ 130/4750)"));
        for (MappingRow row : rows) {
            for (String column : Qd130Fields.columnsOf(row.mapping().getMap())) {
                int dot = column.indexOf('.');
                String table = dot < 0 ? "" : column.substring(0, dot);
                String field = dot < 0 ? column : column.substring(dot + 1);
                var known = qd130.column(column);
                t.append("<tr>").append(Html.tdHtml(row.elementHtml())).append(Html.td(table))
                        .append(Html.tdHtml(code(field)))
                        .append(Html.td(known.map(f -> f.type() + (f.maxSize().isBlank() ? "" : ", " + f.maxSize())).orElse("")))
                        .append(Html.tdHtml("<div class=\"text\">" + esc(known.map(Qd130Fields.Field::meaning)
                                .orElse("(cột không có trong danh sách QĐ 130 — column not in the QĐ 130 list)"))
                                + (known.isPresent() && !known.get().amendment().isBlank()
                                        ? "<br><em>QĐ 4750: " + esc(known.get().amendment()) + "</em>" : "")
                                + (row.mapping().hasComment() ? "<br>" + esc(row.mapping().getComment()) : "") + "</div>"))
                        .append("</tr>\n");
            }
        }
        return t.append("</table>\n").toString();
    }

    private static List<ElementDefinitionMappingComponent> qd130Mappings(ElementDefinition e) {
        return e.getMapping().stream().filter(m -> Qd130Fields.MAPPING_IDENTITY.equals(m.getIdentity()) && m.hasMap()).toList();
    }

    private String usedBy(StructureDefinition ext) {
        List<String> users = new ArrayList<>();
        for (StructureDefinition sd : content.structureDefinitions) {
            boolean uses = sd.getDifferential().getElement().stream().flatMap(e -> e.getType().stream())
                    .flatMap(t -> t.getProfile().stream()).anyMatch(p -> ext.getUrl().equals(p.getValue()));
            if (uses) {
                users.add(Html.link(GuideContent.pageOf(sd), GuideContent.label(sd)));
            }
        }
        return "<h2 id=\"used-by\">Được dùng trong (used by)</h2>\n<p>"
                + (users.isEmpty() ? "Chưa có hồ sơ nào dùng phần mở rộng này. Not used by a profile yet." : String.join(", ", users))
                + "</p>\n";
    }

    private String examples(StructureDefinition sd) {
        List<GuideContent.Example> valid = content.validExamplesOf(sd);
        List<GuideContent.Example> invalid = content.invalidExamplesOf(sd);
        StringBuilder b = new StringBuilder("<h2 id=\"examples\">Ví dụ (examples)</h2>\n");
        if (valid.isEmpty() && invalid.isEmpty()) {
            return b.append("<p>Chưa có ví dụ. No examples yet.</p>\n").toString();
        }
        if (!valid.isEmpty()) {
            b.append("<h3>Ví dụ hợp lệ (valid; in the package under <code>package/example/</code>)</h3>\n");
            for (GuideContent.Example e : valid) {
                b.append("<details class=\"example valid\"><summary>").append(code(e.file())).append("</summary>\n")
                        .append("<pre>").append(esc(e.json())).append("</pre></details>\n");
            }
        }
        if (!invalid.isEmpty()) {
            b.append("<h3>Ví dụ không hợp lệ (invalid: each breaks one rule)</h3>\n<table class=\"invalid\">\n")
                    .append(Html.headerRow("Tệp (file)", "Vi phạm quy tắc (breaks)", "Quy tắc (tiếng Việt / English)"));
            for (GuideContent.Example e : invalid) {
                String rule = ruleOf(e.file());
                ElementDefinitionConstraintComponent c = rule == null ? null : rules.get(rule);
                String english = c == null ? null : GuideContent.englishOf(c);
                String ruleHtml = rule == null ? "" : ElementTable.ownsConstraint(sd, rule)
                        ? "<a href=\"#" + esc(invariantAnchor(rule)) + "\"><code>" + esc(rule) + "</code></a>" : code(rule);
                b.append("<tr>").append(Html.tdHtml("<details class=\"example invalid\"><summary>" + code(e.file())
                                + "</summary><pre>" + esc(e.json()) + "</pre></details>"))
                        .append(Html.tdHtml(ruleHtml))
                        .append(Html.tdHtml(c == null ? "" : esc(c.getHuman()) + (english == null ? "" : "<br><em>" + esc(english) + "</em>")))
                        .append("</tr>\n");
            }
            b.append("</table>\n");
        }
        return b.toString();
    }

    private static String ruleOf(String invalidFile) {
        try {
            return GuideExamples.expectedRule(invalidFile);
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }
}
