package vn.ehealth.nhr.loaders.xml130;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.ig.validation.GuideValidation;
import vn.ehealth.nhr.ig.validation.GuideValidator;
import vn.ehealth.nhr.profiles.MessageLanguage;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class Xml130EpisodeMapperTest {

    private static final PractitionerDirectory DIRECTORY =
            licence -> "000123/HNO-CCHN".equals(licence) ? Optional.of("bs-le-van-cuong") : Optional.empty();
    private static List<Xml130Episode> sample;
    private static List<Xml130Episode> broken;
    private final Xml130EpisodeMapper mapper = new Xml130EpisodeMapper(Xml130Catalogues.shipped(), DIRECTORY);

    @BeforeAll
    static void read() throws Exception {
        sample = Xml130TestFiles.read("envelope-3-episodes.xml");
        broken = Xml130TestFiles.read("envelope-broken.xml");
    }

    private static <T extends Resource> List<T> all(Bundle b, Class<T> type) {
        return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void xml1BecomesThePatientMatchedOnCccdAndTheirInsuranceCard() {
        MappedEpisode m = mapper.map(sample.get(0));
        assertThat(m.problems()).isEmpty();
        Bundle tx = m.transaction();

        Bundle.BundleEntryComponent entry = tx.getEntryFirstRep();
        assertThat(entry.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.POST);
        assertThat(entry.getRequest().getIfNoneExist())
                .isEqualTo("identifier=http%3A%2F%2Ffhir.ehealth.gov.vn%2Fcore%2Fsid%2Fnational_id%7C001068004521");
        Patient p = (Patient) entry.getResource();
        assertThat(p.getNameFirstRep().getText()).isEqualTo("Nguyễn Văn Hùng");
        assertThat(p.getNameFirstRep().getFamily()).isEqualTo("Nguyễn");
        assertThat(p.getBirthDateElement().getValueAsString()).isEqualTo("1968-03-15");
        assertThat(p.getGender().toCode()).isEqualTo("male");
        assertThat(p.getIdentifier()).extracting(i -> i.getSystem() + "|" + i.getValue()).containsExactly(
                "http://fhir.ehealth.gov.vn/core/sid/national_id|001068004521",
                "http://fhir.ehealth.gov.vn/core/sid/insurance_number|HT2010120345678");
        Extension units = p.getAddressFirstRep().getExtensionByUrl(Xml1PatientMapper.EXT_ADDRESS);
        assertThat(units.getExtension()).extracting(e -> e.getUrl() + "=" + ((org.hl7.fhir.r4.model.CodeableConcept) e.getValue())
                .getCodingFirstRep().getCode()).containsExactly("state=01", "district=001", "ward=00001");
        assertThat(p.getExtensionByUrl(Xml1PatientMapper.EXT_RACE)).isNotNull();
        Coverage c = all(tx, Coverage.class).get(0);
        assertThat(c.getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-01-01");
        assertThat(c.getBeneficiary().getReference()).isEqualTo(entry.getFullUrl());
    }

    @Test
    void xml1BecomesTheEncounterKeyedByFacilityAndMaLkWithItsDiagnoses() {
        Bundle tx = mapper.map(sample.get(0)).transaction();
        Encounter e = all(tx, Encounter.class).get(0);
        Bundle.BundleEntryComponent entry = tx.getEntry().stream().filter(x -> x.getResource() == e).findFirst().orElseThrow();

        assertThat(entry.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
        assertThat(entry.getRequest().getUrl())
                .isEqualTo("Encounter?identifier=http%3A%2F%2Ffhir.ehealth.gov.vn%2Fnhr%2Fsid%2Fma-lk%2F01001%7CBM2610120001");
        assertThat(e.getClass_().getCode()).isEqualTo("IMP");
        assertThat(e.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("03");
        assertThat(e.getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-10-12T08:30:00+07:00");
        assertThat(e.getPeriod().getEndElement().getValueAsString()).isEqualTo("2026-10-19T09:00:00+07:00");
        assertThat(e.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
        assertThat(e.getLocation()).extracting(l -> l.getLocation().getIdentifier().getValue()).containsExactly("K03", "K19");
        assertThat(e.getServiceProvider().getIdentifier().getValue()).isEqualTo("01001");
        assertThat(e.getHospitalization().getDischargeDisposition().getCodingFirstRep().getCode()).isEqualTo("1");
        List<Condition> conditions = all(tx, Condition.class);
        assertThat(conditions).extracting(c -> c.getCode().getCodingFirstRep().getCode()).containsExactly("J18.9", "I10", "E11.9");
        assertThat(conditions.get(0).getCode().getText()).isEqualTo("Viêm phổi thùy dưới phổi phải");
        assertThat(e.getDiagnosis()).extracting(d -> d.getRank()).containsExactly(1, 2, 3);
        assertThat(e.getDiagnosisFirstRep().getUse().getCodingFirstRep().getCode()).isEqualTo("DD");
    }

    @Test
    void detailTablesBecomePrescriptionLinesProceduresResultsAndTheFollowUp() {
        Bundle tx = mapper.map(sample.get(0)).transaction();

        List<MedicationRequest> lines = all(tx, MedicationRequest.class);
        assertThat(lines).hasSize(2);
        MedicationRequest amox = lines.get(0);
        assertThat(amox.getRequester().getReference()).isEqualTo("Practitioner/bs-le-van-cuong");
        assertThat(amox.getMedicationCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("VD-21458-14");
        assertThat(amox.getGroupIdentifier().getValue()).isEqualTo("01001.BM2610120001");
        assertThat(amox.getDosageInstructionFirstRep().getTiming().getRepeat().getFrequency()).isEqualTo(2);
        assertThat(((Quantity) amox.getDosageInstructionFirstRep().getDoseAndRateFirstRep().getDose()).getUnit()).isEqualTo("viên");
        assertThat(amox.getReasonCode()).extracting(r -> r.getCodingFirstRep().getCode()).containsExactly("J18.9", "I10", "E11.9");

        // the supply line and the bed day are billing, not care
        assertThat(all(tx, Procedure.class)).extracting(p -> p.getCode().getCodingFirstRep().getCode())
                .containsExactly("02.0085.1778", "02.0314.0001");
        List<Observation> results = all(tx, Observation.class);
        assertThat(results).hasSize(3);
        assertThat(results.get(0).getValueQuantity().getValue()).isEqualByComparingTo("14.2");
        assertThat(results.get(2).getValueStringType().getValue()).isEqualTo("Hình ảnh viêm phổi thùy dưới phải");
        Appointment followUp = all(tx, Appointment.class).get(0);
        assertThat(followUp.getRequestedPeriodFirstRep().getStartElement().getValueAsString()).isEqualTo("2026-10-26T08:00:00+07:00");
    }

    @Test
    void anUnknownBirthMonthAndDayGiveAPartialDate() {
        Patient child = (Patient) mapper.map(sample.get(2)).transaction().getEntryFirstRep().getResource();
        assertThat(child.getBirthDateElement().getValueAsString()).isEqualTo("2015");
    }

    @Test
    void everyRefusalNamesTableRowAndColumn() {
        List<List<String>> problems = broken.stream().map(e -> mapper.map(e).describe(MessageLanguage.ENGLISH)).toList();

        assertThat(problems.get(0)).isEmpty();
        assertThat(problems.get(1)).singleElement().asString().startsWith("XML2 NOIDUNGFILE: not valid base64");
        assertThat(problems.get(2)).containsExactly("LOAIHOSO: unknown table type \"XML99\" (only XML1…XML15)");
        assertThat(problems.get(3)).containsExactly("XML1 STT 4 MA_LK: missing (required)");
        assertThat(problems.get(4)).containsExactly(
                "XML1 STT 5 NGAY_RA: discharge time 202610190700 is before admission time 202610200800");
        assertThat(problems.get(5)).containsExactly(
                "XML2 STT 7 MA_LK: MA_LK BM9999999999 is not this record's (XML1 has MA_LK BM2610200016)");
        assertThat(problems.get(6)).containsExactly("XML1 STT 3 SO_CCCD: 11 digits (a CCCD has exactly 12)");
        assertThat(problems.get(7)).containsExactly("XML3 STT 7 MA_BENH: unknown ICD-10 code X999 (not in the QĐ 4469/QĐ-BYT list)");
        assertThat(mapper.map(broken.get(6)).describe(MessageLanguage.VIETNAMESE))
                .containsExactly("XML1 STT 3 SO_CCCD: 11 chữ số (số CCCD gồm đúng 12 chữ số)");
        assertThat(mapper.map(broken.get(7)).transaction()).isNull();
    }

    @Test
    void aCccdThatContradictsSexOrBirthYearAndAnUnknownCommuneAreRefused() {
        Xml130Episode e = new Xml130Episode("t.xml", "HOSO 1", "01001");
        java.util.Map<String, String> x1 = new java.util.HashMap<>(sample.get(1).summary().columns());
        x1.put("GIOI_TINH", "1");
        x1.put("MAXA_CU_TRU", "26734");
        e.add(Xml130Table.XML1, List.of(new Xml130Row(Xml130Table.XML1, 1, x1)));

        assertThat(mapper.map(e).describe(MessageLanguage.ENGLISH)).containsExactly(
                "XML1 STT 2 SO_CCCD: Digit 4 of CCCD 001190012873 encodes sex female, which differs from the record's gender (male)",
                "XML1 STT 2 MAXA_CU_TRU: unit 26734 (Phường Tân Định) is not inside unit 002");
    }

    @Test
    void theMappedResourcesConformToTheNationalProfiles() {
        GuideValidator validator = GuideValidator.forShippedGuide(FhirContext.forR4Cached());
        for (Xml130Episode e : sample) {
            Bundle tx = mapper.map(e).transaction();
            for (Bundle.BundleEntryComponent entry : tx.getEntry()) {
                GuideValidation v = validator.validate(entry.getResource());
                assertThat(v.errors()).as(e.label() + " " + entry.getResource().fhirType()
                        + ": " + v.errors().stream().map(f -> f.location() + " " + f.message(MessageLanguage.ENGLISH)).toList())
                        .isEmpty();
            }
        }
    }
}
