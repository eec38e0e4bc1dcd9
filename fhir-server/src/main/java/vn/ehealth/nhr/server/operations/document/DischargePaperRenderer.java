package vn.ehealth.nhr.server.operations.document;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPathEvaluationContext;
import ca.uhn.fhir.narrative.CustomThymeleafNarrativeGenerator;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The discharge paper (giấy ra viện) as a printable Vietnamese HTML page, from a document Bundle:
 * HAPI's Thymeleaf narrative generator, as {@code Patient/$summary} uses it, with the templates of
 * {@code nhr/document/} (every value is written with {@code th:text}, so escaped; the authors'
 * section narratives are shown as text, never as markup). Only the page frame (title, print style)
 * is added here, and it carries no data.
 */
public class DischargePaperRenderer {

    static final String MANIFEST = "classpath:nhr/document/narratives.properties";

    private static final String PAGE_START = """
            <!DOCTYPE html>
            <html lang="vi">
            <head>
            <meta charset="UTF-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Giấy ra viện</title>
            <style>
            body { font-family: "Times New Roman", serif; max-width: 21cm; margin: 1cm auto; color: #000; line-height: 1.4; }
            h1 { text-align: center; font-size: 1.5em; margin: 0.5em 0; }
            .header { display: flex; justify-content: space-between; font-weight: bold; }
            .header p { margin: 0; text-align: center; }
            table { border-collapse: collapse; width: 100%; margin: 0.5em 0; }
            th, td { border: 1px solid #444; padding: 3px 6px; text-align: left; vertical-align: top; }
            dl { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; }
            dt { font-weight: bold; }
            dd { margin: 0; }
            .signature { margin-top: 2em; text-align: right; }
            @media print { body { margin: 0; } a { color: #000; text-decoration: none; } }
            </style>
            </head>
            <body>
            """;
    private static final Pattern CHARACTER_REFERENCE = Pattern.compile("&#x([0-9a-fA-F]{1,6});");
    private static final String PAGE_END = "\n</body>\n</html>\n";

    private final FhirContext fhirContext;
    private final CustomThymeleafNarrativeGenerator generator = new CustomThymeleafNarrativeGenerator(MANIFEST);
    /** The document being rendered on this thread: FHIRPath {@code resolve()} in the templates looks in it. */
    private final ThreadLocal<Bundle> current = new ThreadLocal<>();

    public DischargePaperRenderer(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
        generator.setFhirPathEvaluationContext(new IFhirPathEvaluationContext() {
            @Override
            public IBase resolveReference(IIdType reference, IBase context) {
                Bundle document = current.get();
                return document == null ? null : resolve(document, reference);
            }
        });
    }

    /** The whole page. */
    public String page(Bundle document) {
        // HAPI picks templates by the resource's declared profiles too: render a plain view of the
        // same entries, so a document that declares its profile and one rebuilt without it look alike
        Bundle view = new Bundle().setType(Bundle.BundleType.DOCUMENT);
        view.getEntry().addAll(document.getEntry());
        current.set(view);
        try {
            String body = generator.generateResourceNarrative(fhirContext, view);
            return PAGE_START + (body == null ? "" : readableLetters(body)) + PAGE_END;
        } finally {
            current.remove();
        }
    }

    /**
     * Thymeleaf escapes every non-ASCII letter as a character reference ({@code B&#x1ec7;nh});
     * the page is UTF-8, so letters above U+007F are written as themselves. Only those: the
     * markup-significant characters ({@code < > & " '}) stay escaped.
     */
    static String readableLetters(String html) {
        Matcher m = CHARACTER_REFERENCE.matcher(html);
        StringBuilder out = new StringBuilder(html.length());
        while (m.find()) {
            int codePoint = Integer.parseInt(m.group(1), 16);
            String replacement = codePoint > 0x7F && Character.isValidCodePoint(codePoint)
                    ? new String(Character.toChars(codePoint)) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The entry a reference names: by fullUrl, else by type and id. */
    static Resource resolve(Bundle document, IIdType reference) {
        if (reference == null || reference.getValue() == null) {
            return null;
        }
        for (Bundle.BundleEntryComponent entry : document.getEntry()) {
            Resource r = entry.getResource();
            if (r == null) {
                continue;
            }
            if (reference.getValue().equals(entry.getFullUrl())
                    || (r.fhirType().equals(reference.getResourceType()) && r.getIdElement().getIdPart() != null
                    && r.getIdElement().getIdPart().equals(reference.getIdPart()))) {
                return r;
            }
        }
        return null;
    }
}
