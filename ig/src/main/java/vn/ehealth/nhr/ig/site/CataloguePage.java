package vn.ehealth.nhr.ig.site;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionDesignationComponent;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;

import java.util.ArrayList;
import java.util.List;

import static vn.ehealth.nhr.ig.site.Html.code;
import static vn.ehealth.nhr.ig.site.Html.esc;
import static vn.ehealth.nhr.ig.site.Html.metaRow;

/**
 * The page of a catalogue: a CodeSystem (metadata, provenance, concepts; big ones truncated with
 * the server operations that give the rest) or a ValueSet (metadata, what it includes, where the
 * profiles bind it).
 */
final class CataloguePage {

    /** Concepts shown on a CodeSystem page; the rest is one {@code $lookup}/{@code $expand} away. */
    static final int MAX_CONCEPTS = 200;

    private final GuideContent content;

    CataloguePage(GuideContent content) {
        this.content = content;
    }

    /** Every concept of a code system, depth first, with its depth in the hierarchy. */
    record Row(ConceptDefinitionComponent concept, int depth) {
    }

    static List<Row> flatten(CodeSystem cs) {
        List<Row> rows = new ArrayList<>();
        flatten(cs.getConcept(), 0, rows);
        return rows;
    }

    private static void flatten(List<ConceptDefinitionComponent> concepts, int depth, List<Row> into) {
        for (ConceptDefinitionComponent c : concepts) {
            into.add(new Row(c, depth));
            flatten(c.getConcept(), depth + 1, into);
        }
    }

    String render(CodeSystem cs, String guideTitle, String version) {
        List<Row> rows = flatten(cs);
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(esc(GuideContent.label(cs))).append("</h1>\n")
                .append("<p class=\"kind\">Hệ thống mã (CodeSystem) — ").append(code(cs.getIdElement().getIdPart())).append("</p>\n");
        StringBuilder meta = metadata(cs);
        meta.append(metaRow("Nội dung (content)", esc(cs.hasContent() ? cs.getContent().toCode() : "")));
        meta.append(metaRow("Số khái niệm (concepts)", esc(String.valueOf(cs.hasCount() ? cs.getCount() : rows.size()))));
        if (cs.hasHierarchyMeaning()) {
            meta.append(metaRow("Phân cấp (hierarchy)", esc(cs.getHierarchyMeaning().toCode())));
        }
        if (cs.hasValueSet()) {
            meta.append(metaRow("Tập giá trị toàn bộ (all codes)", valueSetLink(cs.getValueSet())));
        }
        List<String> usedIn = content.valueSets.stream()
                .filter(vs -> vs.getCompose().getInclude().stream().anyMatch(i -> cs.getUrl().equals(i.getSystem())))
                .map(vs -> Html.link(GuideContent.pageOf(vs), GuideContent.label(vs))).toList();
        if (!usedIn.isEmpty()) {
            meta.append(metaRow("Dùng trong tập giá trị (value sets)", String.join(", ", usedIn)));
        }
        b.append("<table class=\"meta\">\n").append(meta).append("</table>\n");

        b.append("<h2 id=\"concepts\">Các khái niệm (concepts)</h2>\n");
        String lookup = "GET /fhir/CodeSystem/$lookup?system=" + cs.getUrl() + "&code=<mã>";
        String expandUrl = expandTarget(cs);
        String expand = "GET /fhir/ValueSet/$expand?url=" + expandUrl + "&filter=<từ khóa>&count=50&offset=0";
        if (rows.size() > MAX_CONCEPTS) {
            b.append("<p class=\"truncated\">Danh mục có ").append(esc(String.format("%,d", rows.size()).replace(',', '.')))
                    .append(" khái niệm; trang này chỉ hiển thị ").append(MAX_CONCEPTS).append(" khái niệm đầu tiên. ")
                    .append("Tra cứu phần còn lại trên máy chủ: ")
                    .append("This catalogue has ").append(esc(String.valueOf(rows.size())))
                    .append(" concepts; only the first ").append(MAX_CONCEPTS).append(" are shown. Query the rest on the server:</p>\n")
                    .append("<pre>").append(esc(lookup)).append("\n").append(esc(expand)).append("</pre>\n");
        } else if (rows.isEmpty()) {
            b.append("<p>Các khái niệm không nằm trong gói (content = ").append(esc(cs.hasContent() ? cs.getContent().toCode() : ""))
                    .append("). Concepts are not in the package; query the server:</p>\n<pre>").append(esc(lookup)).append("</pre>\n");
        }
        if (!rows.isEmpty()) {
            b.append(concepts(rows));
            if (rows.size() <= MAX_CONCEPTS) {
                b.append("<p class=\"note\">Tra cứu trên máy chủ (on the server): </p><pre>").append(esc(lookup)).append("</pre>\n");
            }
        }
        return Html.page(GuideContent.label(cs), guideTitle, version, b.toString());
    }

    /** The value set to expand for a code system: its all-codes value set, else one of the guide's that includes it. */
    private String expandTarget(CodeSystem cs) {
        if (cs.hasValueSet()) {
            return cs.getValueSet();
        }
        return content.valueSets.stream()
                .filter(vs -> vs.getCompose().getInclude().stream().anyMatch(i -> cs.getUrl().equals(i.getSystem())))
                .map(ValueSet::getUrl).findFirst().orElse("<url của tập giá trị>");
    }

    private static String concepts(List<Row> rows) {
        StringBuilder t = new StringBuilder("<table class=\"concepts\">\n")
                .append(Html.headerRow("Mã (code)", "Tên hiển thị (display)", "Tiếng Anh (English)"));
        for (Row row : rows.subList(0, Math.min(rows.size(), MAX_CONCEPTS))) {
            ConceptDefinitionComponent c = row.concept();
            t.append("<tr><td style=\"padding-left:").append(0.4 + row.depth() * 1.2).append("em\">")
                    .append(code(c.getCode())).append("</td>")
                    .append(Html.td(c.getDisplay()))
                    .append(Html.td(english(c)))
                    .append("</tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String english(ConceptDefinitionComponent c) {
        for (ConceptDefinitionDesignationComponent d : c.getDesignation()) {
            if (d.hasLanguage() && d.getLanguage().startsWith("en")) {
                return d.getValue();
            }
        }
        return "";
    }

    String render(ValueSet vs, String guideTitle, String version) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(esc(GuideContent.label(vs))).append("</h1>\n")
                .append("<p class=\"kind\">Tập giá trị (ValueSet) — ").append(code(vs.getIdElement().getIdPart())).append("</p>\n");
        StringBuilder meta = metadata(vs);
        meta.append(metaRow("Mở rộng trên máy chủ (expand)", code("GET /fhir/ValueSet/$expand?url=" + vs.getUrl())));
        b.append("<table class=\"meta\">\n").append(meta).append("</table>\n");
        b.append("<h2 id=\"compose\">Thành phần (compose)</h2>\n");
        if (!vs.hasCompose()) {
            b.append("<p>Không có định nghĩa thành phần. No compose.</p>\n");
        } else {
            b.append("<table class=\"compose\">\n").append(Html.headerRow("", "Hệ thống mã (system)", "Phiên bản (version)",
                    "Mã hoặc bộ lọc (codes or filters)"));
            vs.getCompose().getInclude().forEach(i -> b.append(composeRow("Gồm (include)", i)));
            vs.getCompose().getExclude().forEach(i -> b.append(composeRow("Trừ (exclude)", i)));
            b.append("</table>\n");
        }
        b.append("<h2 id=\"bound-by\">Được dùng trong (bound by)</h2>\n").append(boundBy(vs));
        return Html.page(GuideContent.label(vs), guideTitle, version, b.toString());
    }

    private String composeRow(String kind, ConceptSetComponent set) {
        List<String> what = new ArrayList<>();
        if (!set.hasConcept() && !set.hasFilter() && set.hasSystem()) {
            what.add("mọi mã (all codes)");
        }
        set.getConcept().forEach(c -> what.add(code(c.getCode()) + (c.hasDisplay() ? " " + esc(c.getDisplay()) : "")));
        set.getFilter().forEach(f -> what.add(code(f.getProperty() + " " + (f.hasOp() ? f.getOp().toCode() : "") + " " + f.getValue())));
        set.getValueSet().forEach(v -> what.add("ValueSet " + valueSetLink(v.getValue())));
        String system = set.hasSystem() ? content.pageOf(set.getSystem()) == null ? code(set.getSystem())
                : Html.linkOrCode(content.pageOf(set.getSystem()), set.getSystem()) : "";
        return "<tr>" + Html.td(kind) + Html.tdHtml(system) + Html.td(set.getVersion())
                + Html.tdHtml(String.join("<br>", what)) + "</tr>\n";
    }

    private String boundBy(ValueSet vs) {
        List<String> uses = new ArrayList<>();
        for (StructureDefinition sd : content.structureDefinitions) {
            for (ElementDefinition e : sd.getDifferential().getElement()) {
                if (e.hasBinding() && e.getBinding().hasValueSet() && content.resource(e.getBinding().getValueSet())
                        .map(r -> r == vs).orElse(false)) {
                    uses.add("<a href=\"" + esc(GuideContent.pageOf(sd)) + "#" + esc(ElementTable.anchor(ElementTable.idOf(e))) + "\">"
                            + esc(GuideContent.label(sd)) + "</a> " + code(ElementTable.idOf(e))
                            + " (" + esc(e.getBinding().hasStrength() ? e.getBinding().getStrength().toCode() : "") + ")");
                }
            }
        }
        return uses.isEmpty() ? "<p>Chưa có hồ sơ nào ràng buộc tập giá trị này. Not bound by a profile yet.</p>\n"
                : "<ul>\n<li>" + String.join("</li>\n<li>", uses) + "</li>\n</ul>\n";
    }

    private String valueSetLink(String url) {
        String page = content.pageOf(url);
        return page == null ? code(url) : Html.linkOrCode(page, url);
    }

    /** Rows common to code systems and value sets: url, version, name, status, publisher, provenance. */
    private static StringBuilder metadata(MetadataResource r) {
        StringBuilder t = new StringBuilder();
        t.append(metaRow("URL (canonical)", code(r.getUrl())));
        t.append(metaRow("Phiên bản (version)", esc(r.getVersion())));
        t.append(metaRow("Tên (name)", esc(r.getName())));
        t.append(metaRow("Trạng thái (status)", esc(r.hasStatus() ? r.getStatus().toCode() : "")));
        if (r.hasPublisher()) {
            t.append(metaRow("Đơn vị ban hành (publisher)", esc(r.getPublisher())));
        }
        if (r.hasDate()) {
            t.append(metaRow("Ngày (date)", esc(r.getDateElement().getValueAsString())));
        }
        t.append(metaRow("Nguồn gốc, mô tả (provenance, description)", "<div class=\"text\">" + esc(r.getDescription()) + "</div>"));
        if (r instanceof CodeSystem cs && cs.hasCopyright()) {
            t.append(metaRow("Bản quyền (copyright)", "<div class=\"text\">" + esc(cs.getCopyright()) + "</div>"));
        }
        if (r instanceof ValueSet vs && vs.hasCopyright()) {
            t.append(metaRow("Bản quyền (copyright)", "<div class=\"text\">" + esc(vs.getCopyright()) + "</div>"));
        }
        return t;
    }
}
