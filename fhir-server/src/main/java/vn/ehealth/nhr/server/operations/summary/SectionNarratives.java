package vn.ehealth.nhr.server.operations.summary;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the Vietnamese narratives of a health-record summary: the Composition's and one per
 * section ({@code nhr/summary/<section>.html}), from the entries the section lists.
 *
 * <p>Why not HAPI's narrative generator: it builds a new Thymeleaf engine, re-reads its manifest
 * and parses every template again for each section of each summary, which was 39 % of the CPU of a
 * {@code $summary} (BENCHMARKS.md, "Health-record summary"). This class keeps one engine, thread
 * safe, with the templates parsed once; the IPS generator is given no templates and this runs as
 * its last step ({@link HealthRecordSummaryStrategy#postManipulateIpsBundle}).
 */
final class SectionNarratives {

    private final TemplateEngine engine = new TemplateEngine();

    SectionNarratives() {
        ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver(SectionNarratives.class.getClassLoader());
        templates.setPrefix("nhr/summary/");
        templates.setSuffix(".html");
        templates.setTemplateMode(TemplateMode.HTML);
        templates.setCharacterEncoding("UTF-8");
        templates.setCacheable(true);
        engine.setTemplateResolver(templates);
    }

    /** Fills {@code text} of the document's Composition and of each section the strategy declares. */
    void fill(Bundle document, Map<String, String> templateBySectionCode) {
        if (document.getEntry().isEmpty() || !(document.getEntryFirstRep().getResource() instanceof Composition composition)) {
            return;
        }
        Map<String, Resource> byReference = index(document);
        NarrativeFormat format = new NarrativeFormat(byReference);
        composition.setText(narrative(render("document", List.of(), format)));
        for (Composition.SectionComponent section : composition.getSection()) {
            String template = templateBySectionCode.get(section.getCode().getCodingFirstRep().getCode());
            if (template == null) {
                continue;
            }
            List<Resource> entries = new ArrayList<>();
            for (Reference entry : section.getEntry()) {
                Resource resource = byReference.get(entry.getReference());
                if (resource != null) {
                    entries.add(resource);
                }
            }
            section.setText(narrative(render(template, entries, format)));
        }
    }

    String render(String template, List<Resource> entries, NarrativeFormat format) {
        Context context = new Context(Locale.forLanguageTag("vi-VN"));
        context.setVariable("entries", entries);
        context.setVariable("fmt", format);
        return engine.process(template, context);
    }

    private static Narrative narrative(String html) {
        Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        narrative.setDivAsString(html.strip());
        return narrative;
    }

    /** Every entry under its fullUrl and its type/id, the two forms a section's reference takes. */
    static Map<String, Resource> index(Bundle document) {
        Map<String, Resource> byReference = new HashMap<>();
        for (Bundle.BundleEntryComponent entry : document.getEntry()) {
            Resource resource = entry.getResource();
            if (resource == null) {
                continue;
            }
            if (entry.hasFullUrl()) {
                byReference.put(entry.getFullUrl(), resource);
            }
            if (resource.getIdElement().hasIdPart()) {
                byReference.put(resource.getIdElement().getValue(), resource);
                byReference.put(resource.getIdElement().toUnqualifiedVersionless().getValue(), resource);
                byReference.put(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), resource);
            }
        }
        return byReference;
    }
}
