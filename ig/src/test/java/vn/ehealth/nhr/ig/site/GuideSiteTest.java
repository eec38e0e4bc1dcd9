package vn.ehealth.nhr.ig.site;

import ca.uhn.fhir.context.FhirContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.ehealth.nhr.ig.GuideExamples;
import vn.ehealth.nhr.ig.IgPackageBuilder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The guide site as a reader sees it, rendered from a package built in the test. */
class GuideSiteTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final Set<String> TAGS = Set.of("html", "head", "meta", "title", "link", "body", "header", "main",
            "footer", "nav", "a", "span", "h1", "h2", "h3", "p", "table", "tr", "th", "td", "code", "pre", "div", "br",
            "em", "details", "summary", "ul", "li");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z0-9!]+)");
    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");
    private static final Pattern ID = Pattern.compile(" id=\"([^\"]*)\"");

    private static byte[] packageBytes;
    private static GuideExamples examples;
    private static Map<String, String> site;
    private static long renderMillis;

    @BeforeAll
    static void renderTheSite() throws Exception {
        examples = GuideExamples.fromClasspath();
        packageBytes = new IgPackageBuilder(FHIR).build("1.2.3", examples);
        long start = System.nanoTime();
        Map<String, byte[]> files = new GuideSite(FHIR).render(packageBytes, examples);
        renderMillis = (System.nanoTime() - start) / 1_000_000;
        site = new LinkedHashMap<>();
        files.forEach((name, bytes) -> site.put(name, new String(bytes, StandardCharsets.UTF_8)));
    }

    private static String page(String name) {
        assertThat(site).containsKey(name);
        return site.get(name);
    }

    @Test
    void theIndexNamesTheGuideAndListsThePatientProfileWithAWorkingLink() {
        String index = page("index.html");
        assertThat(index).contains("<html lang=\"vi\">", "<meta charset=\"utf-8\">", "href=\"style.css\"",
                "1.2.3", "http://fhir.ehealth.gov.vn/nhr", "4.0.1",
                "<a href=\"StructureDefinition-vn-nhr-patient.html\">vn-nhr-patient</a>",
                "href=\"vn.ehealth.nhr.tgz\"", "POST /fhir/&lt;Type&gt;/$validate",
                "href=\"CodeSystem-vn-ethnic-group.html\"", "href=\"StructureDefinition-extension-race.html\"",
                "http://fhir.ehealth.gov.vn/core/sid/national_id");
        assertThat(site).containsKeys("StructureDefinition-vn-nhr-patient.html", "style.css");
    }

    @Test
    void thePatientPageShowsItsInvariantsInVietnameseAndEnglish() {
        String patient = page("StructureDefinition-vn-nhr-patient.html");
        assertThat(patient).contains("Hồ sơ người bệnh / công dân (VN NHR Patient)",
                "http://fhir.ehealth.gov.vn/nhr/StructureDefinition/vn-nhr-patient",
                "id=\"inv-nhr-pat-cccd-sex\"",
                Html.esc("Chữ số thứ 4 của CCCD (chẵn: nam, lẻ: nữ) phải khớp với giới tính (gender) của hồ sơ"),
                Html.esc("Digit 4 of the CCCD (even: male, odd: female) must agree with the patient's gender"),
                Html.esc("(substring(3, 1).toInteger() mod 2 = 0)"));
    }

    @Test
    void thePatientPageShowsElementsBindingsAndTheQd130Mapping() {
        String patient = page("StructureDefinition-vn-nhr-patient.html");
        // element table: slices from the differential, with cardinality and fixed systems
        assertThat(patient).contains("identifier:cccd", "0..1", "http://fhir.ehealth.gov.vn/core/sid/national_id",
                "1..*");
        // the ethnic group, bound through the extension the profile uses
        assertThat(patient).contains("href=\"ValueSet-vn-ethnic-group.html\"", "required");
        // QĐ 130: the column and its meaning from the field list
        assertThat(patient).contains("<code>SO_CCCD</code>", "XML1",
                "Ghi số căn cước công dân hoặc số chứng minh thư nhân dân hoặc số hộ chiếu của người bệnh",
                "<code>MA_DANTOC</code>");
    }

    @Test
    void thePatientPageShowsTheValidExamplesAndTheRuleEachInvalidOneBreaks() {
        String patient = page("StructureDefinition-vn-nhr-patient.html");
        assertThat(patient).contains("Patient-nguyen-van-an.json", "&quot;resourceType&quot; : &quot;Patient&quot;",
                "patient-cccd-wrong-sex--nhr-pat-cccd-sex.json", "href=\"#inv-nhr-pat-cccd-sex\"");
        assertThat(examples.invalid().keySet()).filteredOn(file -> file.startsWith("patient-")).isNotEmpty()
                .allSatisfy(file -> assertThat(patient).contains(file));
        // another profile's invalid examples are on that profile's page, not here
        assertThat(patient).doesNotContain("composition-section-without-title");
    }

    @Test
    void catalogueAndValueSetPagesListConceptsAndBigOnesAreTruncated() {
        String ethnic = page("CodeSystem-vn-ethnic-group.html");
        assertThat(ethnic).contains("http://fhir.ehealth.gov.vn/nhr/CodeSystem/vn-ethnic-group", "<td>Kinh</td>",
                "href=\"ValueSet-vn-ethnic-group.html\"");
        assertThat(page("ValueSet-vn-ethnic-group.html")).contains("href=\"CodeSystem-vn-ethnic-group.html\"",
                "href=\"StructureDefinition-extension-race.html#el-Extension.value[x]\"");

        String icd10 = page("CodeSystem-icd10-vn.html");
        assertThat(icd10).contains("class=\"truncated\"", "chỉ hiển thị 200", "$lookup", "$expand",
                "&amp;filter=&lt;từ khóa&gt;");
        String concepts = icd10.substring(icd10.indexOf("<table class=\"concepts\">"));
        concepts = concepts.substring(0, concepts.indexOf("</table>"));
        assertThat(concepts.split("<tr>", -1)).hasSize(1 + 1 + CataloguePage.MAX_CONCEPTS); // before, header, rows
        assertThat(icd10.length()).isLessThan(100_000);
    }

    @Test
    void everyPageIsEscapedHtmlWhoseLinksAndAnchorsExist() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> p : site.entrySet()) {
            if (!p.getKey().endsWith(".html")) {
                continue;
            }
            String html = p.getValue();
            Matcher tag = TAG.matcher(html);
            int lt = 0;
            while ((lt = html.indexOf('<', lt)) >= 0) {
                if (!tag.find(lt) || tag.start() != lt || !(TAGS.contains(tag.group(2).toLowerCase()) || tag.group(2).equals("!DOCTYPE"))) {
                    problems.add(p.getKey() + ": raw < at " + html.substring(lt, Math.min(html.length(), lt + 40)));
                }
                lt++;
            }
            Set<String> ids = new HashSet<>();
            ID.matcher(html).results().forEach(m -> ids.add(m.group(1)));
            for (String href : HREF.matcher(html).results().map(m -> m.group(1)).toList()) {
                assertThat(href).doesNotStartWith("http").doesNotStartWith("//");
                String target = href.contains("#") ? href.substring(0, href.indexOf('#')) : href;
                String fragment = href.contains("#") ? href.substring(href.indexOf('#') + 1) : null;
                if (!target.isEmpty() && !target.equals("vn.ehealth.nhr.tgz") && !site.containsKey(target)) {
                    problems.add(p.getKey() + ": broken link " + href);
                } else if (fragment != null && !target.equals("vn.ehealth.nhr.tgz")) {
                    String other = target.isEmpty() ? html : site.get(target);
                    if (!other.contains("id=\"" + fragment + "\"")) {
                        problems.add(p.getKey() + ": missing anchor " + href);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(site.get("style.css")).contains("table").doesNotContain("http");
    }

    @Test
    void writingReplacesAPreviousSiteAndStaysFast(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("StructureDefinition-removed-profile.html"), "old");
        int files = new GuideSite(FHIR).write(packageBytes, examples, dir);

        assertThat(files).isEqualTo(site.size());
        assertThat(dir.resolve("StructureDefinition-removed-profile.html")).doesNotExist();
        assertThat(Files.readString(dir.resolve("index.html"))).isEqualTo(site.get("index.html"));
        assertThat(renderMillis).as("rendering time (ms)").isLessThan(10_000);
    }

    @Test
    void escapingCoversMarkupAndQuotes() {
        assertThat(Html.esc("<script>alert('x') & \"y\"</script>"))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
        assertThat(Html.esc(null)).isEmpty();
    }
}
