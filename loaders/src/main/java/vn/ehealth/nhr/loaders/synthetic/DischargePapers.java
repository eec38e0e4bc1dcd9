package vn.ehealth.nhr.loaders.synthetic;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The discharge paper (giấy ra viện) of a synthetic inpatient stay, as the facility sends it: a FHIR
 * document ({@code vn-nhr-discharge-document}) holding the paper (a {@code vn-nhr-discharge-summary}
 * Composition), the citizen, the stay, its discharge diagnosis, the facility and the doctor. The server
 * stores it with {@code POST /Bundle} (ADR 8): the citizen is matched by CCCD, the facility and doctor
 * by their codes, the stay by its MA_LK, so the paper joins the record the citizen's transaction made.
 */
final class DischargePapers {

    static final String DOCUMENT_PROFILE = "http://fhir.ehealth.gov.vn/nhr/StructureDefinition/vn-nhr-discharge-document";
    private static final String LOINC = "http://loinc.org";
    private static final String SECTION = "http://fhir.ehealth.gov.vn/nhr/CodeSystem/vn-discharge-section";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final List<String> COURSES = List.of(
            "Điều trị nội khoa theo phác đồ, theo dõi dấu hiệu sinh tồn hằng ngày; đáp ứng tốt, triệu chứng giảm dần.",
            "Truyền dịch, kháng sinh đường tĩnh mạch 5 ngày, sau đó chuyển đường uống; hết sốt từ ngày thứ 3.",
            "Điều trị triệu chứng, bù nước điện giải, chế độ ăn bệnh lý; các chỉ số xét nghiệm trở về bình thường.");

    private static final ca.uhn.fhir.util.FhirTerser TERSER = FhirContext.forR4Cached().newTerser();
    private final Templates templates;

    DischargePapers(Templates templates) {
        this.templates = templates;
    }

    /** What the stay's paper states; {@code urns} are the document's temporary ids, drawn by the caller. */
    record Stay(Patient patient, String patientUrl, Encounter encounter, String encounterUrl, Condition diagnosis,
                String diagnosisUrl, String diagnosisText, Directory.Facility facility, boolean homeFacility,
                LocalDateTime admitted, LocalDateTime discharged) {
    }

    Bundle document(Stay stay, Random random) {
        Directory.Facility facility = stay.facility();
        String organizationUrl = urn(random);
        String practitionerUrl = urn(random);
        DateTimeType signed = CitizenLives.dateTime(stay.discharged().plusMinutes(30));

        Composition paper = templates.dischargeSummary();
        paper.setText(narrative("Giấy ra viện của " + stay.patient().getNameFirstRep().getText() + ", " + facility.name()
                + ", điều trị nội trú từ " + DAY.format(stay.admitted()) + " đến " + DAY.format(stay.discharged()) + "."));
        paper.setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue(urn(random)));
        paper.setSubject(new Reference(stay.patientUrl()).setDisplay(stay.patient().getNameFirstRep().getText()));
        paper.setEncounter(new Reference(stay.encounterUrl()));
        paper.setDateElement(signed.copy());
        paper.getAuthor().clear();
        paper.addAuthor(new Reference("Practitioner/" + facility.practitionerId()).setDisplay(facility.practitionerName()));
        paper.getAttesterFirstRep().setTimeElement(signed.copy()).setParty(
                new Reference("Practitioner/" + facility.practitionerId()).setDisplay(facility.practitionerName() + " (được Giám đốc ủy quyền)"));
        paper.setCustodian(new Reference("Organization/" + facility.organizationId()).setDisplay(facility.name()));
        paper.getSection().clear();
        section(paper, "Chẩn đoán vào viện", LOINC, "42347-5", stay.diagnosisText() + ".");
        section(paper, "Chẩn đoán ra viện", LOINC, "11535-2", "Bệnh chính: " + stay.diagnosisText() + ".")
                .addEntry(new Reference(stay.diagnosisUrl()));
        section(paper, "Tóm tắt quá trình điều trị", LOINC, "8648-8", VietnameseNames.pick(random, COURSES));
        section(paper, "Tình trạng người bệnh khi ra viện", SECTION, "discharge-condition",
                "Tỉnh, không sốt, mạch " + (70 + random.nextInt(20)) + " lần/phút, huyết áp " + (110 + random.nextInt(30))
                        + "/" + (65 + random.nextInt(20)) + " mmHg.");
        section(paper, "Kết quả điều trị", SECTION, "treatment-result", "Khỏi. Loại ra viện: ra viện.");
        section(paper, "Lời dặn và hẹn tái khám", LOINC, "18776-5",
                "Tái khám sau " + (7 + random.nextInt(8)) + " ngày hoặc khi có dấu hiệu bất thường.");

        Patient patient = stay.patient().copy();
        if (!stay.homeFacility()) {
            // the citizen's registered primary-care facility is not in this paper, and a document's references stay inside it
            patient.getExtension().removeIf(x -> x.getUrl().endsWith("/vn-nhr-registered-primary-care"));
        }
        Bundle document = new Bundle().setType(Bundle.BundleType.DOCUMENT)
                .setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue(urn(random)))
                .setTimestampElement(new InstantType(signed.getValue(), signed.getPrecision(), signed.getTimeZone()));
        document.getMeta().addProfile(DOCUMENT_PROFILE);
        entry(document, urn(random), paper);
        entry(document, stay.patientUrl(), patient);
        entry(document, stay.encounterUrl(), stay.encounter());
        entry(document, stay.diagnosisUrl(), stay.diagnosis());
        entry(document, organizationUrl, facility.organization().copy());
        entry(document, practitionerUrl, facility.practitioner().copy());
        // the stay names the directory's facility and doctor by their ids; inside a document (all urn:uuid
        // entries) a reference resolves only to an entry's fullUrl
        Map<String, String> toEntries = Map.of("Organization/" + facility.organizationId(), organizationUrl,
                "Practitioner/" + facility.practitionerId(), practitionerUrl);
        for (Bundle.BundleEntryComponent e : document.getEntry()) {
            for (Reference ref : TERSER.getAllPopulatedChildElementsOfType(e.getResource(), Reference.class)) {
                ref.setReference(toEntries.getOrDefault(ref.getReference(), ref.getReference()));
            }
        }
        return document;
    }

    /**
     * What storing the document adds: the paper, the stay and its diagnoses, and the document itself (the
     * citizen, the facility and the doctor are matched to those on file, not stored again).
     */
    static int storedResources(Bundle document) {
        return 1 + (int) document.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> !(r instanceof Patient) && !(r instanceof org.hl7.fhir.r4.model.Organization)
                        && !(r instanceof org.hl7.fhir.r4.model.Practitioner)).count();
    }

    private static Composition.SectionComponent section(Composition c, String title, String system, String code, String text) {
        return c.addSection().setTitle(title).setCode(new CodeableConcept(new Coding(system, code, null)))
                .setText(narrative(text));
    }

    private static Narrative narrative(String text) {
        XhtmlNode div = new XhtmlNode(org.hl7.fhir.utilities.xhtml.NodeType.Element, "div");
        div.setAttribute("xmlns", "http://www.w3.org/1999/xhtml");
        div.addTag("p").addText(text);
        return new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED).setDiv(div);
    }

    private static void entry(Bundle document, String fullUrl, Resource r) {
        document.addEntry().setFullUrl(fullUrl).setResource(r);
    }

    private static String urn(Random random) {
        return "urn:uuid:" + new UUID(random.nextLong(), random.nextLong());
    }
}
