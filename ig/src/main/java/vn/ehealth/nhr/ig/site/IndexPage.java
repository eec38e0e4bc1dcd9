package vn.ehealth.nhr.ig.site;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.NamingSystem;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;

import java.util.List;
import java.util.stream.Collectors;

import static vn.ehealth.nhr.ig.site.Html.code;
import static vn.ehealth.nhr.ig.site.Html.esc;
import static vn.ehealth.nhr.ig.site.Html.metaRow;

/** The home page of the guide: what it is, and a table of everything the package holds. */
final class IndexPage {

    private final GuideContent content;

    IndexPage(GuideContent content) {
        this.content = content;
    }

    String render(String guideTitle, String version, String packageFile) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(esc(guideTitle)).append("</h1>\n");
        b.append("<p>Hướng dẫn triển khai (implementation guide) FHIR R4 của Hồ sơ sức khỏe điện tử quốc gia: "
                + "các hồ sơ (profile) và phần mở rộng mà dữ liệu gửi lên máy chủ phải tuân theo, các quy tắc nghiệp vụ "
                + "(CCCD, thẻ BHYT, họ tên), ánh xạ tới bảng XML theo QĐ 130/4750, các danh mục dùng chung và hệ định danh. "
                + "The FHIR R4 implementation guide of Vietnam's national health record: the profiles and extensions data "
                + "sent to the server must conform to, their business rules, their mapping to the QĐ 130/4750 XML tables, "
                + "the national catalogues and the identifier systems.</p>\n");
        b.append("<table class=\"meta\">\n")
                .append(metaRow("Gói (package)", code(content.npm.name()) + " — " + Html.link(packageFile, "tải về (download) " + packageFile)))
                .append(metaRow("Phiên bản (version)", esc(version)))
                .append(metaRow("Canonical", code(content.npm.canonical())))
                .append(metaRow("Phiên bản FHIR (FHIR version)", esc(content.npm.fhirVersion())));
        if (content.guide != null) {
            b.append(metaRow("ImplementationGuide", code(content.guide.getUrl())));
            if (content.guide.hasPublisher()) {
                b.append(metaRow("Đơn vị ban hành (publisher)", esc(content.guide.getPublisher())));
            }
            if (content.guide.hasStatus()) {
                b.append(metaRow("Trạng thái (status)", esc(content.guide.getStatus().toCode())));
            }
        }
        b.append("</table>\n");
        b.append("<nav class=\"toc\"><a href=\"#profiles\">Hồ sơ</a> · <a href=\"#extensions\">Phần mở rộng</a> · "
                + "<a href=\"#catalogues\">Danh mục</a> · <a href=\"#identifiers\">Hệ định danh</a> · "
                + "<a href=\"#validate\">Kiểm tra dữ liệu</a></nav>\n");

        b.append("<h2 id=\"profiles\">Hồ sơ (profiles)</h2>\n").append(structureDefinitions(content.profiles(), true));
        b.append("<h2 id=\"extensions\">Phần mở rộng (extensions)</h2>\n").append(structureDefinitions(content.extensions(), false));
        b.append("<h2 id=\"catalogues\">Danh mục (code systems and value sets)</h2>\n");
        b.append("<h3>Hệ thống mã (CodeSystem)</h3>\n").append(codeSystems(content.codeSystems));
        b.append("<h3>Tập giá trị (ValueSet)</h3>\n").append(valueSets(content.valueSets));
        if (!content.conceptMaps.isEmpty()) {
            b.append("<h3>Bảng ánh xạ (ConceptMap)</h3>\n").append(conceptMaps(content.conceptMaps));
        }
        b.append("<h2 id=\"identifiers\">Hệ định danh (identifier systems, NamingSystem)</h2>\n").append(namingSystems(content.namingSystems));
        b.append(howToValidate(packageFile));
        return Html.page(guideTitle, guideTitle, version, b.toString());
    }

    private static String structureDefinitions(List<StructureDefinition> sds, boolean profiles) {
        if (sds.isEmpty()) {
            return "<p>Chưa có. None yet.</p>\n";
        }
        StringBuilder t = new StringBuilder("<table class=\"list\">\n")
                .append(Html.headerRow("Tên (name)", profiles ? "Loại tài nguyên (resource type)" : "Dùng trên (context)",
                        "Tiêu đề (title)", "Mô tả (description)"));
        for (StructureDefinition sd : sds) {
            String kind = profiles ? sd.getType()
                    : sd.getContext().stream().map(c -> c.getExpression()).collect(Collectors.joining(", "));
            t.append("<tr>").append(Html.tdHtml(Html.link(GuideContent.pageOf(sd), sd.getIdElement().getIdPart())))
                    .append(Html.tdHtml(code(kind)))
                    .append(Html.td(sd.getTitle()))
                    .append(Html.tdHtml("<div class=\"text\">" + esc(sd.getDescription()) + "</div>"))
                    .append("</tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String codeSystems(List<CodeSystem> systems) {
        StringBuilder t = new StringBuilder("<table class=\"list\">\n")
                .append(Html.headerRow("Tên (title)", "URL", "Phiên bản (version)", "Số khái niệm (concepts)"));
        for (CodeSystem cs : systems) {
            int count = cs.hasCount() ? cs.getCount() : CataloguePage.flatten(cs).size();
            t.append("<tr>").append(Html.tdHtml(Html.link(GuideContent.pageOf(cs), GuideContent.label(cs))))
                    .append(Html.tdHtml(code(cs.getUrl()))).append(Html.td(cs.getVersion()))
                    .append("<td class=\"num\">").append(count).append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String valueSets(List<ValueSet> sets) {
        StringBuilder t = new StringBuilder("<table class=\"list\">\n")
                .append(Html.headerRow("Tên (title)", "URL", "Phiên bản (version)", "Gồm (includes)"));
        for (ValueSet vs : sets) {
            String systems = vs.getCompose().getInclude().stream()
                    .map(i -> i.hasSystem() ? i.getSystem() : "ValueSet")
                    .distinct().map(Html::code).collect(Collectors.joining("<br>"));
            t.append("<tr>").append(Html.tdHtml(Html.link(GuideContent.pageOf(vs), GuideContent.label(vs))))
                    .append(Html.tdHtml(code(vs.getUrl()))).append(Html.td(vs.getVersion()))
                    .append(Html.tdHtml(systems)).append("</tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String conceptMaps(List<ConceptMap> maps) {
        StringBuilder t = new StringBuilder("<table class=\"list\">\n")
                .append(Html.headerRow("Tên (title)", "URL", "Nguồn → đích (source → target)"));
        for (ConceptMap cm : maps) {
            String groups = cm.getGroup().stream().map(g -> g.getSource() + " → " + g.getTarget())
                    .distinct().map(Html::code).collect(Collectors.joining("<br>"));
            t.append("<tr>").append(Html.td(GuideContent.label(cm))).append(Html.tdHtml(code(cm.getUrl())))
                    .append(Html.tdHtml(groups)).append("</tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String namingSystems(List<NamingSystem> systems) {
        StringBuilder t = new StringBuilder("<table class=\"list\">\n")
                .append(Html.headerRow("Tên (name)", "Định danh hệ thống (unique ids)", "Mô tả (description)"));
        for (NamingSystem ns : systems) {
            String ids = ns.getUniqueId().stream()
                    .map(u -> code(u.getValue()) + " <span class=\"note\">" + esc(u.hasType() ? u.getType().toCode() : "")
                            + (u.getPreferred() ? ", preferred" : "") + "</span>")
                    .collect(Collectors.joining("<br>"));
            t.append("<tr>").append(Html.td(ns.getName())).append(Html.tdHtml(ids))
                    .append(Html.tdHtml("<div class=\"text\">" + esc(ns.getDescription()) + "</div>")).append("</tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String howToValidate(String packageFile) {
        return "<h2 id=\"validate\">Kiểm tra dữ liệu (how to validate)</h2>\n"
                + "<p>Trên máy chủ: gửi tài nguyên tới thao tác <code>$validate</code> của loại tài nguyên; kết quả là một "
                + "OperationOutcome với các lỗi bằng tiếng Việt và tiếng Anh. On the server, POST the resource to its type's "
                + "<code>$validate</code> operation; the answer is an OperationOutcome.</p>\n"
                + "<pre>" + esc("POST /fhir/<Type>/$validate\nContent-Type: application/fhir+json\n\n"
                        + "curl -X POST -H 'Content-Type: application/fhir+json' --data @patient.json \\\n"
                        + "     'http://localhost:8080/fhir/Patient/$validate'") + "</pre>\n"
                + "<p>Không cần máy chủ (offline): tải gói " + Html.link(packageFile, packageFile)
                + " và dùng nó với bộ kiểm tra FHIR (HL7 validator: <code>-ig " + esc(packageFile) + "</code>), "
                + "hoặc từ Java với <code>GuideValidator.forPackage(fhirContext, packageBytes)</code> của module <code>ig</code>. "
                + "Offline: download the package and give it to a FHIR validator, or use the ig module's "
                + "<code>GuideValidator</code>.</p>\n";
    }
}
