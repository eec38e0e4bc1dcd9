package vn.ehealth.nhr.loaders.synthetic;

import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import vn.ehealth.nhr.loaders.xml130.Xml130Table;
import vn.ehealth.nhr.loaders.xml130.Xml130Writer;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The synthetic population as its hospitals would report it under QĐ 130 (issue 8 item 1): each visit
 * and stay of a {@link SyntheticCitizen} becomes a HOSO of the facility that wrote it: XML1 (the
 * citizen, the visit, its principal diagnosis, the weight taken), XML2 (the prescriptions of a
 * follow-up), XML4 (laboratory results), XML5 (the vital signs as the clinical course) and, for a
 * stay, XML7 (the discharge paper). The column names and formats are the Ministry's (QĐ 4750's
 * amendment of QĐ 130); loading the envelopes with {@code nhr-load xml130} gives the same citizens,
 * visits and diagnoses as loading the FHIR files ({@code PopulationXml130Test}).
 */
final class PopulationXml130 {

    /** One HOSO: the facility (MACSKCB) that reports it and its table files by LOAIHOSO. */
    record Hoso(String facilityCode, Map<String, String> tables) {
    }

    private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final String ADMIN_ADDRESS = "http://fhir.ehealth.gov.vn/core/StructureDefinition/extension-administrative-address";
    private static final String ETHNIC = "http://fhir.ehealth.gov.vn/core/StructureDefinition/extension-race";
    private static final String DEPARTMENT = "K03"; // khoa khám bệnh / nội tổng hợp: the synthetic hospitals have one

    private final Map<String, String> licenceByPractitionerId;

    /** @param directory the population's directory ({@link PopulationGenerator#directory()}): who signs and prescribes */
    PopulationXml130(Bundle directory) {
        this.licenceByPractitionerId = new HashMap<>();
        for (Bundle.BundleEntryComponent e : directory.getEntry()) {
            if (e.getResource() instanceof org.hl7.fhir.r4.model.Practitioner p) {
                licenceByPractitionerId.put(p.getIdElement().getIdPart(), p.getIdentifierFirstRep().getValue());
            }
        }
    }

    /** The citizen's visits and stays, in the order they appear in the record. */
    List<Hoso> episodes(SyntheticCitizen citizen) {
        Map<String, Resource> byUrl = new HashMap<>();
        List<Encounter> visits = new ArrayList<>();
        Map<Encounter, Composition> papers = new HashMap<>();
        collect(citizen.transaction(), byUrl, visits);
        for (Bundle document : citizen.dischargeDocuments()) {
            int before = visits.size();
            collect(document, byUrl, visits);
            for (Encounter stay : visits.subList(before, visits.size())) {
                papers.put(stay, (Composition) document.getEntryFirstRep().getResource());
            }
        }
        Patient patient = (Patient) citizen.transaction().getEntryFirstRep().getResource();
        List<Hoso> out = new ArrayList<>();
        for (Encounter visit : visits) {
            out.add(hoso(patient, visit, papers.get(visit), byUrl, citizen));
        }
        return out;
    }

    private static void collect(Bundle bundle, Map<String, Resource> byUrl, List<Encounter> visits) {
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            byUrl.put(e.getFullUrl(), e.getResource());
            if (e.getResource() instanceof Encounter enc) {
                visits.add(enc);
            }
        }
    }

    private Hoso hoso(Patient patient, Encounter visit, Composition paper, Map<String, Resource> byUrl, SyntheticCitizen citizen) {
        String encounterUrl = byUrl.entrySet().stream().filter(x -> x.getValue() == visit).map(Map.Entry::getKey).findFirst().orElseThrow();
        String maLk = visit.getIdentifierFirstRep().getValue();
        String facility = visit.getServiceProvider().getIdentifier().getValue();
        // the doctor: an entry of the stay's paper, or the directory's (a visit of the transaction names it by id)
        String doctor = visit.getParticipantFirstRep().getIndividual().getReference();
        String licence = byUrl.get(doctor) instanceof org.hl7.fhir.r4.model.Practitioner p ? p.getIdentifierFirstRep().getValue()
                : licenceByPractitionerId.get(visit.getParticipantFirstRep().getIndividual().getReferenceElement().getIdPart());
        boolean stay = "IMP".equals(visit.getClass_().getCode());
        Condition diagnosis = (Condition) byUrl.get(visit.getDiagnosisFirstRep().getCondition().getReference());
        List<Resource> ofVisit = new ArrayList<>();
        for (Bundle bundle : allBundles(citizen)) {
            for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
                if (e.getResource() instanceof Observation o && encounterUrl.equals(o.getEncounter().getReference())
                        || e.getResource() instanceof MedicationRequest r && encounterUrl.equals(r.getEncounter().getReference())) {
                    ofVisit.add(e.getResource());
                }
            }
        }

        String in = minute(visit.getPeriod().getStartElement());
        String out = minute(visit.getPeriod().getEndElement());
        Map<String, String> x1 = new LinkedHashMap<>();
        x1.put("MA_LK", maLk);
        x1.put("STT", "1");
        x1.put("HO_TEN", patient.getNameFirstRep().getText());
        x1.put("SO_CCCD", identifier(patient, NhrIdentifierSystems.CITIZEN_ID).map(Identifier::getValue).orElseThrow());
        x1.put("NGAY_SINH", patient.getBirthDateElement().getValueAsString().replace("-", "") + "0000");
        x1.put("GIOI_TINH", "male".equals(patient.getGender().toCode()) ? "1" : "2");
        Extension ethnic = patient.getExtensionByUrl(ETHNIC);
        if (ethnic != null) {
            x1.put("MA_DANTOC", ((CodeableConcept) ethnic.getValue()).getCodingFirstRep().getCode());
        }
        Address home = patient.getAddressFirstRep();
        Extension admin = home.getExtensionByUrl(ADMIN_ADDRESS);
        x1.put("MATINH_CU_TRU", adminCode(admin, "state"));
        x1.put("MAHUYEN_CU_TRU", adminCode(admin, "district"));
        x1.put("MAXA_CU_TRU", adminCode(admin, "ward"));
        x1.put("DIA_CHI", home.getText());
        x1.put("DIEN_THOAI", patient.getTelecomFirstRep().getValue());
        identifier(patient, NhrIdentifierSystems.INSURANCE_NUMBER).ifPresent(card -> {
            x1.put("MA_THE_BHYT", card.getValue());
            x1.put("GT_THE_TU", card.getPeriod().getStartElement().getValueAsString().substring(0, 10).replace("-", ""));
            x1.put("GT_THE_DEN", card.getPeriod().getEndElement().getValueAsString().substring(0, 10).replace("-", ""));
        });
        String icd10 = diagnosis.getCode().getCodingFirstRep().getCode();
        x1.put("CHAN_DOAN_RV", diagnosis.getCode().getCodingFirstRep().getDisplay());
        x1.put("MA_BENH_CHINH", icd10.replace(".", ""));
        x1.put("NGAY_VAO", in);
        x1.put("NGAY_RA", out);
        if (stay) {
            x1.put("SO_NGAY_DTRI", Long.toString(visit.getLength().getValue().longValue()));
        }
        x1.put("KET_QUA_DTRI", "1");
        x1.put("MA_LOAI_RV", "1");
        x1.put("MA_LOAI_KCB", stay ? "03" : "01");
        x1.put("MA_KHOA", DEPARTMENT);
        x1.put("MA_CSKCB", facility);
        ofVisit.stream().filter(r -> r instanceof Observation o && "29463-7".equals(o.getCode().getCodingFirstRep().getCode()))
                .findFirst().ifPresent(w -> x1.put("CAN_NANG", decimal(((Observation) w).getValueQuantity())));

        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("XML1", Xml130Writer.table(Xml130Table.XML1, List.of(x1)));
        List<Map<String, String>> medicines = new ArrayList<>();
        List<Map<String, String>> results = new ArrayList<>();
        List<String> vitals = new ArrayList<>();
        for (Resource r : ofVisit) {
            if (r instanceof MedicationRequest mr) {
                medicines.add(medicine(mr, maLk, medicines.size() + 1, licence));
            } else if (r instanceof Observation o && "laboratory".equals(o.getCategoryFirstRep().getCodingFirstRep().getCode())) {
                results.add(row("MA_LK", maLk, "STT", Integer.toString(results.size() + 1), "TEN_CHI_SO", o.getCode().getText(),
                        "GIA_TRI", decimal(o.getValueQuantity()), "DON_VI_DO", o.getValueQuantity().getUnit(),
                        "NGAY_KQ", minute(o.getEffectiveDateTimeType())));
            } else if (r instanceof Observation o && !"29463-7".equals(o.getCode().getCodingFirstRep().getCode())) {
                vitals.add(o.getCode().getText() + " " + decimal(o.getValueQuantity()) + " " + o.getValueQuantity().getUnit());
            }
        }
        if (!medicines.isEmpty()) {
            tables.put("XML2", Xml130Writer.table(Xml130Table.XML2, medicines));
        }
        if (!results.isEmpty()) {
            tables.put("XML4", Xml130Writer.table(Xml130Table.XML4, results));
        }
        if (!vitals.isEmpty()) {
            tables.put("XML5", Xml130Writer.table(Xml130Table.XML5, List.of(row("MA_LK", maLk, "STT", "1",
                    "DIEN_BIEN_LS", String.join("; ", vitals), "THOI_DIEM_DBLS", in, "NGUOI_THUC_HIEN", licence))));
        }
        if (paper != null) {
            tables.put("XML7", Xml130Writer.table(Xml130Table.XML7, List.of(row("MA_LK", maLk, "NGAY_VAO", in, "NGAY_RA", out,
                    "CHAN_DOAN_RV", diagnosis.getCode().getCodingFirstRep().getDisplay(),
                    "PP_DIEUTRI", section(paper, "8648-8"), "GHI_CHU", section(paper, "18776-5"),
                    "MA_TTDV", licence, "MA_BS", licence, "TEN_BS", paper.getAuthorFirstRep().getDisplay(),
                    "NGAY_CT", minute(paper.getDateElement()).substring(0, 8)))));
        }
        return new Hoso(facility, tables);
    }

    private static List<Bundle> allBundles(SyntheticCitizen c) {
        List<Bundle> all = new ArrayList<>(c.dischargeDocuments());
        all.add(0, c.transaction());
        return all;
    }

    private static Map<String, String> medicine(MedicationRequest mr, String maLk, int stt, String licence) {
        Extension drug = mr.getExtension().get(0);
        return row("MA_LK", maLk, "STT", Integer.toString(stt),
                "TEN_THUOC", ((StringType) drug.getExtensionByUrl("ingredient").getValue()).getValue(),
                "HAM_LUONG", ((StringType) drug.getExtensionByUrl("strength").getValue()).getValue(),
                "DON_VI_TINH", "Viên", "DANG_BAO_CHE", "Viên nén", "MA_KHOA", DEPARTMENT,
                "LIEU_DUNG", mr.getDosageInstructionFirstRep().getText() != null ? mr.getDosageInstructionFirstRep().getText()
                        : "1 viên/lần, 1 lần/ngày",
                "SO_DANG_KY", mr.getMedicationCodeableConcept().getCodingFirstRep().getCode(),
                "SO_LUONG", decimal(mr.getDispenseRequest().getQuantity()), "MA_BAC_SI", licence,
                "NGAY_YL", minute(mr.getAuthoredOnElement()));
    }

    private static String section(Composition paper, String loinc) {
        return paper.getSection().stream().filter(s -> loinc.equals(s.getCode().getCodingFirstRep().getCode())).findFirst()
                .map(s -> s.getText().getDiv().allText()).orElse("");
    }

    private static Map<String, String> row(String... columnsAndValues) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row.put(columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return row;
    }

    private static Optional<Identifier> identifier(Patient p, String system) {
        return p.getIdentifier().stream().filter(i -> system.equals(i.getSystem())).findFirst();
    }

    private static String adminCode(Extension admin, String part) {
        return ((CodeableConcept) admin.getExtensionByUrl(part).getValue()).getCodingFirstRep().getCode();
    }

    /** QĐ 130 writes decimals with a comma. */
    private static String decimal(Quantity q) {
        return q.getValue().stripTrailingZeros().toPlainString().replace('.', ',');
    }

    private static String minute(BaseDateTimeType t) {
        return MINUTE.format(t.getValue().toInstant().atOffset(VIETNAM));
    }
}
