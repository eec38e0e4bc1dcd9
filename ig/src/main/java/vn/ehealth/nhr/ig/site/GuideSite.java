package vn.ehealth.nhr.ig.site;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import vn.ehealth.nhr.ig.GuideExamples;
import vn.ehealth.nhr.ig.NhrImplementationGuide;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The guide as static HTML, rendered from the built NPM package at build time (see
 * {@code IgPackageBuilder.main}) into {@code classpath:ig/site/}, which the server serves at
 * {@code /ig/}: an index, one page per StructureDefinition, CodeSystem and ValueSet, one
 * stylesheet. No JavaScript, no external resources; every text is HTML-escaped.
 */
public final class GuideSite {

    /** Folder of the site next to the package, in the jar: {@code ig/site/}. */
    public static final String CLASSPATH_FOLDER = "ig/site/";
    public static final String INDEX = "index.html";

    private final FhirContext fhirContext;

    public GuideSite(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /** Every file of the site, by file name, rendered from the package bytes. */
    public Map<String, byte[]> render(byte[] packageBytes, GuideExamples examples) throws IOException {
        GuideContent content = GuideContent.read(fhirContext, packageBytes, examples);
        Qd130Fields qd130 = Qd130Fields.fromClasspath();
        String title = content.guide != null && content.guide.hasTitle() ? content.guide.getTitle()
                : content.npm.title() != null ? content.npm.title() : NhrImplementationGuide.TITLE;
        String version = content.npm.version();
        String packageFile = NhrImplementationGuide.PACKAGE_ID + ".tgz";

        Map<String, String> pages = new LinkedHashMap<>();
        pages.put(INDEX, new IndexPage(content).render(title, version, packageFile));
        ProfilePage profilePage = new ProfilePage(content, qd130);
        for (StructureDefinition sd : content.structureDefinitions) {
            pages.put(GuideContent.pageOf(sd), profilePage.render(sd, title, version));
        }
        CataloguePage cataloguePage = new CataloguePage(content);
        for (CodeSystem cs : content.codeSystems) {
            pages.put(GuideContent.pageOf(cs), cataloguePage.render(cs, title, version));
        }
        for (ValueSet vs : content.valueSets) {
            pages.put(GuideContent.pageOf(vs), cataloguePage.render(vs, title, version));
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        pages.forEach((name, html) -> files.put(name, html.getBytes(StandardCharsets.UTF_8)));
        files.put(Html.STYLESHEET, stylesheet());
        return files;
    }

    /** Renders the site into a folder, replacing what a previous build left there. */
    public int write(byte[] packageBytes, GuideExamples examples, Path folder) throws IOException {
        Map<String, byte[]> files = render(packageBytes, examples);
        Files.createDirectories(folder);
        try (Stream<Path> old = Files.list(folder)) {
            for (Path p : old.filter(Files::isRegularFile).toList()) {
                Files.delete(p);
            }
        }
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(folder.resolve(f.getKey()), f.getValue());
        }
        return files.size();
    }

    private static byte[] stylesheet() {
        try (InputStream in = GuideSite.class.getResourceAsStream("style.css")) {
            if (in == null) {
                throw new IllegalStateException("vn/ehealth/nhr/ig/site/style.css is missing from the ig module");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
