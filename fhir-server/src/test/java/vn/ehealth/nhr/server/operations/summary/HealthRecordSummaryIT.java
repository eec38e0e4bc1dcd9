package vn.ehealth.nhr.server.operations.summary;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.server.support.RecordFixtures.Episode;
import vn.ehealth.nhr.server.support.RunningServerTestBase;
import vn.ehealth.nhr.server.support.TestCitizens;
import vn.ehealth.nhr.server.support.TestTokens;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.ehealth.nhr.server.support.RecordFixtures.BACH_MAI;
import static vn.ehealth.nhr.server.support.RecordFixtures.CHO_RAY;
import static vn.ehealth.nhr.server.support.RecordFixtures.anPatientId;
import static vn.ehealth.nhr.server.support.RecordFixtures.given;
import static vn.ehealth.nhr.server.support.RecordFixtures.parse;
import static vn.ehealth.nhr.server.support.RecordFixtures.postEpisode;

/**
 * Issue 6, item 3: {@code Patient/$summary} is a FHIR document of the QĐ 831 sections with
 * Vietnamese titles and narratives, built from stored data and filtered by the consent rules.
 */
class HealthRecordSummaryIT extends RunningServerTestBase {

    private static Map<String, Composition.SectionComponent> sections(Bundle document) {
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        return composition.getSection().stream().collect(Collectors.toMap(Composition.SectionComponent::getTitle, s -> s));
    }

    @Test
    void aFacilityGetsTheSummaryOfWhatItMaySeeInVietnamese() {
        Episode pneumonia = postEpisode(TestTokens.bachMaiEmr(), BACH_MAI, null, TestCitizens.man("Trịnh", "Văn Khải", 1958), "J18.9");
        Episode hypertension = postEpisode(TestTokens.bachMaiEmr(), BACH_MAI, pneumonia.patientId(), null, "I10");
        Episode gastritis = postEpisode(TestTokens.choRayEmr(), CHO_RAY, pneumonia.patientId(), null, "K29.7");

        Bundle document = parse(Bundle.class, given(TestTokens.bachMaiEmr())
                .get("/Patient/" + pneumonia.patientId() + "/$summary").then().statusCode(200).extract().response());
        assertThat(document.getType()).isEqualTo(Bundle.BundleType.DOCUMENT);
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        assertThat(composition.getTitle()).startsWith("Tóm tắt hồ sơ sức khỏe");
        assertThat(composition.getSubject().getReference()).contains(pneumonia.patientId());
        Map<String, Composition.SectionComponent> sections = sections(document);
        // sections with a "no information" statement always appear; the others only when they have entries
        assertThat(sections).containsKeys("Tiền sử dị ứng", "Bệnh mạn tính và các vấn đề sức khỏe",
                "Thuốc đang sử dụng", "Các lần khám chữa bệnh gần đây");
        String problems = sections.get("Bệnh mạn tính và các vấn đề sức khỏe").getText().getDivAsString();
        assertThat(problems).contains("Chẩn đoán (ICD-10)").contains("J18.9").contains("I10")
                .as("Chợ Rẫy's diagnosis is not Bạch Mai's to see").doesNotContain("K29.7");
        assertThat(sections.get("Các lần khám chữa bệnh gần đây").getEntry()).hasSize(2);
        assertThat(document.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
                .doesNotContain(gastritis.encounterId(), gastritis.conditionId());
        assertThat(hypertension.conditionId()).isNotBlank();

        given(TestTokens.choRayEmr()).get("/Patient/" + pneumonia.patientId() + "/$summary").then().statusCode(403);
    }

    @Test
    void theCitizenGetsTheSummaryOfTheirWholeRecord() {
        postEpisode(TestTokens.bachMaiEmr(), BACH_MAI, anPatientId(), null, "J20.9");
        postEpisode(TestTokens.choRayEmr(), CHO_RAY, anPatientId(), null, "K29.7");
        Bundle document = parse(Bundle.class, given(TestTokens.citizenAn())
                .get("/Patient/" + anPatientId() + "/$summary").then().statusCode(200).extract().response());
        String problems = sections(document).get("Bệnh mạn tính và các vấn đề sức khỏe").getText().getDivAsString();
        assertThat(problems).contains("J20.9").contains("K29.7");
        given(TestTokens.citizenBich()).get("/Patient/" + anPatientId() + "/$summary").then().statusCode(403);
    }
}
