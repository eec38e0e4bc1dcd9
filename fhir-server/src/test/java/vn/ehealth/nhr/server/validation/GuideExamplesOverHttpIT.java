package vn.ehealth.nhr.server.validation;

import io.restassured.response.Response;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.ig.GuideExamples;
import vn.ehealth.nhr.server.support.RunningServerTestBase;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every valid example of the guide is accepted by the server, as one transaction, and can be read back. */
class GuideExamplesOverHttpIT extends RunningServerTestBase {

    /** Referenced resources first, so that each PUT finds what it points at. */
    private static final List<String> ORDER = List.of("Organization", "Practitioner", "Patient", "Encounter",
            "Condition", "MedicationRequest", "Immunization", "ServiceRequest", "ClinicalImpression", "Composition", "Consent", "Bundle");

    @Test
    void everyValidExampleIsAcceptedInOneTransactionAndReadBack() {
        List<IBaseResource> examples = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : GuideExamples.fromClasspath().valid().entrySet()) {
            examples.add(FHIR.newJsonParser().parseResource(new String(e.getValue(), StandardCharsets.UTF_8)));
        }
        examples.sort(Comparator.comparingInt(r -> ORDER.indexOf(r.fhirType())));
        assertThat(examples).hasSizeGreaterThanOrEqualTo(20);

        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (IBaseResource r : examples) {
            String url = r.fhirType() + "/" + r.getIdElement().getIdPart();
            tx.addEntry().setFullUrl(url).setResource((org.hl7.fhir.r4.model.Resource) r)
                    .getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(url);
        }

        Response response = fhirJson().body(FHIR.newJsonParser().encodeResourceToString(tx)).post("/");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        for (IBaseResource r : examples) {
            fhirJson().get("/" + r.fhirType() + "/" + r.getIdElement().getIdPart()).then().statusCode(200);
        }
    }
}
