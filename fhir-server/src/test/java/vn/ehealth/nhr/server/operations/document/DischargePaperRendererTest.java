package vn.ehealth.nhr.server.operations.document;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.ig.GuideExamples;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DischargePaperRendererTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private final DischargePaperRenderer renderer = new DischargePaperRenderer(FHIR);

    private static Bundle document() {
        byte[] json = GuideExamples.fromClasspath().valid().get("Bundle-an-giay-ra-vien-2026.json");
        return FHIR.newJsonParser().parseResource(Bundle.class, new String(json, StandardCharsets.UTF_8));
    }

    @Test
    void thePaperShowsTheFacilityPatientDatesDiagnosesTreatmentMedicinesResultAndNotesInVietnamese() {
        String html = renderer.page(document());

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"vi\">", "GIẤY RA VIỆN")
                .contains("Bệnh viện Bạch Mai")
                .contains("Nguyễn Văn An", "12/04/1985", "001085012345", "Nam")
                .contains("08 giờ 30 phút, ngày 01/10/2026", "10 giờ 00 phút, ngày 08/10/2026")
                .contains("J18.9", "Viêm phổi, không đặc hiệu", "I10", "Bệnh lý tăng huyết áp", "Chẩn đoán ra viện", "(bệnh chính)", "Bệnh kèm theo")
                .contains("Tóm tắt quá trình điều trị", "Điều trị kháng sinh đường tĩnh mạch 7 ngày")
                .contains("Amlodipin 5 mg, viên nén", "Uống 1 viên/ngày vào buổi sáng sau ăn", "30 viên")
                .contains("Kết quả điều trị", "Khỏi", "Lời dặn và hẹn tái khám", "Tái khám tại Trung tâm Hô hấp")
                .contains("Ngày 08 tháng 10 năm 2026", "BS. Lê Văn Cường");
    }

    @Test
    void dataIsEscapedAndAuthorsMarkupIsShownAsText() {
        Bundle document = document();
        Patient patient = (Patient) document.getEntry().get(1).getResource();
        patient.getNameFirstRep().setText("<script>alert('x')</script> Nguyễn & Văn An");
        Composition composition = (Composition) document.getEntry().get(0).getResource();
        Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        narrative.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Ghi chú <b>đậm</b> &lt;img src=x onerror=alert(1)&gt;</p></div>");
        composition.getSection().get(2).setText(narrative);

        String html = renderer.page(document);

        assertThat(html).doesNotContain("<script>", "<img", "<b>")
                .contains("&lt;script&gt;alert(", ")&lt;/script&gt; Nguyễn &amp; Văn An")
                .contains("Ghi chú đậm &lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void lettersAreWrittenAsThemselvesMarkupCharactersStayEscaped() {
        assertThat(DischargePaperRenderer.readableLetters("B&#x1ec7;nh &#x3c;b&#x3e; &amp; &#x27;"))
                .isEqualTo("Bệnh &#x3c;b&#x3e; &amp; &#x27;");
    }

    @Test
    void aDocumentWithoutThePatientVisibleStillRenders() {
        Bundle document = document();
        document.getEntry().remove(1);

        assertThat(renderer.page(document)).contains("Thông tin người bệnh không hiển thị").contains("J18.9");
    }
}
