package vn.ehealth.nhr.server.operations.document;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET Composition/{id}/$render}: the discharge paper as a printable HTML page in Vietnamese
 * ({@code text/html}), built at request time from the stored resources as {@code $document}
 * gathers them for the caller (so the consent rules apply), rendered by
 * {@link DischargePaperRenderer}. HAPI serves its OperationDefinition at
 * {@code /fhir/OperationDefinition/Composition-i-render}.
 */
public class DischargePaperOperationProvider {

    private final CompositionDocuments documents;
    private final DischargePaperRenderer renderer;
    private final Icd10Names icd10Names;

    public DischargePaperOperationProvider(CompositionDocuments documents, DischargePaperRenderer renderer, Icd10Names icd10Names) {
        this.documents = documents;
        this.renderer = renderer;
        this.icd10Names = icd10Names;
    }

    @Description(shortDefinition = "Giấy ra viện in được (HTML tiếng Việt) / the discharge paper as a printable HTML page",
            value = "Builds the document of the Composition as $document does, for the caller (consent rules apply), "
                    + "and returns it as a printable Vietnamese HTML page (text/html; charset=UTF-8).")
    @Operation(name = "$render", idempotent = true, manualResponse = true, typeName = "Composition")
    public void render(@IdParam IIdType id, HttpServletRequest servletRequest, HttpServletResponse servletResponse,
            RequestDetails request) throws IOException {
        Bundle document = documents.rebuild(id, servletRequest, request);
        icd10Names.fillIn(document);
        String html = renderer.page(document);
        servletResponse.setStatus(200);
        servletResponse.setContentType("text/html;charset=UTF-8");
        servletResponse.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // a medical paper: not kept by shared caches
        servletResponse.setHeader("Cache-Control", "no-store");
        servletResponse.setHeader("X-Content-Type-Options", "nosniff");
        servletResponse.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        try (Writer writer = servletResponse.getWriter()) {
            writer.write(html);
        }
    }
}
