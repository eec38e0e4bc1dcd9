package vn.ehealth.nhr.server.document;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import vn.ehealth.nhr.ig.GuideExamples;

import java.nio.charset.StandardCharsets;

/** The guide's discharge document example (Nguyễn Văn An, Bạch Mai, October 2026), parsed afresh. */
final class DocumentExamples {

    static final FhirContext FHIR = FhirContext.forR4Cached();

    private DocumentExamples() {
    }

    static Bundle anDischargeDocument() {
        byte[] json = GuideExamples.fromClasspath().valid().get("Bundle-an-giay-ra-vien-2026.json");
        return FHIR.newJsonParser().parseResource(Bundle.class, new String(json, StandardCharsets.UTF_8));
    }
}
