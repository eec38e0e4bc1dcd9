package vn.ehealth.nhr.server.operations.summary;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SectionNarrativesTest {

    private static final Map<String, String> TEMPLATES = Map.of(
            "48765-2", "allergies", "11450-4", "problems", "10160-0", "medications", "30954-2", "observations");

    private final SectionNarratives narratives = new SectionNarratives();

    @Test
    void aDiagnosisIsShownWithItsIcd10CodeNameAndVietnameseStatus() {
        Condition pneumonia = new Condition();
        pneumonia.setId("Condition/1");
        pneumonia.setCode(new CodeableConcept(new Coding("http://fhir.ehealth.gov.vn/CodeSystem/icd-10-vn", "J18.9", "Viêm phổi, không đặc hiệu")));
        pneumonia.setClinicalStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
        pneumonia.setOnset(new DateTimeType("2026-03-05"));
        pneumonia.addNote().setText("Theo dõi <script>alert(1)</script> tại nhà");

        String html = section(document("11450-4", pneumonia), "11450-4");

        assertThat(html).contains("J18.9 Viêm phổi, không đặc hiệu").contains("đang mắc").contains("05/03/2026")
                .as("text from a facility is escaped, never markup").doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void anEmptySectionSaysInVietnameseThatThereIsNoInformation() {
        AllergyIntolerance noInfo = new AllergyIntolerance();
        noInfo.setId("AllergyIntolerance/none");
        noInfo.setCode(new CodeableConcept(new Coding("http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips",
                "no-allergy-info", "No information about allergies")));

        assertThat(section(document("48765-2", noInfo), "48765-2"))
                .contains("Không có thông tin về dị ứng").doesNotContain("No information");
    }

    @Test
    void aResultShowsItsValueWithADecimalCommaAndItsUnitApart() {
        Observation temperature = new Observation();
        temperature.setId("Observation/t");
        temperature.setCode(new CodeableConcept().setText("Nhiệt độ"));
        temperature.setValue(new Quantity().setValue(37.50).setUnit("Cel"));
        temperature.setEffective(new DateTimeType("2026-03-05T14:30:00+07:00"));

        assertThat(section(document("30954-2", temperature), "30954-2"))
                .contains("<td>37,5</td>").contains("<td>Cel</td>").contains("05/03/2026 14:30");
    }

    @Test
    void aMedicineNamedByReferenceIsResolvedInsideTheDocument() {
        Medication amoxicillin = new Medication();
        amoxicillin.setId("Medication/m");
        amoxicillin.setCode(new CodeableConcept().setText("Amoxicillin 500 mg"));
        MedicationRequest line = new MedicationRequest();
        line.setId("MedicationRequest/r");
        line.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        line.setMedication(new Reference("Medication/m"));
        line.addDosageInstruction().setText("Uống 1 viên x 3 lần/ngày");
        Bundle document = document("10160-0", line);
        document.addEntry().setFullUrl("Medication/m").setResource(amoxicillin);

        assertThat(section(document, "10160-0")).contains("Amoxicillin 500 mg").contains("đang dùng")
                .contains("Uống 1 viên x 3 lần/ngày");
    }

    @Test
    void theDocumentItselfGetsItsVietnameseIntroduction() {
        Bundle document = document("11450-4");
        narratives.fill(document, TEMPLATES);
        assertThat(((Composition) document.getEntryFirstRep().getResource()).getText().getDivAsString())
                .contains("Tóm tắt hồ sơ sức khỏe điện tử");
    }

    private String section(Bundle document, String code) {
        narratives.fill(document, TEMPLATES);
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        return composition.getSection().stream().filter(s -> s.getCode().getCodingFirstRep().getCode().equals(code))
                .findFirst().orElseThrow().getText().getDivAsString();
    }

    private static Bundle document(String sectionCode, Resource... entries) {
        Composition composition = new Composition();
        composition.setId("Composition/c");
        Composition.SectionComponent section = composition.addSection();
        section.getCode().addCoding().setSystem("http://loinc.org").setCode(sectionCode);
        Bundle document = new Bundle().setType(Bundle.BundleType.DOCUMENT);
        document.addEntry().setFullUrl("Composition/c").setResource(composition);
        for (Resource entry : entries) {
            section.addEntry(new Reference(entry.getIdElement().getValue()));
            document.addEntry().setFullUrl(entry.getIdElement().getValue()).setResource(entry);
        }
        return document;
    }
}
