package vn.ehealth.nhr.benchmark;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.support.RecordFixtures;
import vn.ehealth.nhr.server.support.TestCitizens;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The data set of {@link SummarySimulation} (issue 6: {@code Patient/$summary} p95 ≤ 300 ms for a
 * citizen with 200 resources). Written over HTTP by Bạch Mai's EMR system (facility 01001), so every
 * resource passed the national profiles and the write rules. {@code nhr.benchmark.citizens} citizens
 * (default 20), the first being the demo citizen Nguyễn Văn An (CCCD 001085012345, so the Sổ Sức khỏe
 * app's own token can read the summary); each gets exactly 200 resources:
 * <ul>
 * <li>the Patient;</li>
 * <li>25 outpatient episodes (Encounter + Condition: 50);</li>
 * <li>40 immunizations (the 12 vaccines of the national catalogue, a month apart);</li>
 * <li>20 two-line prescriptions (40 MedicationRequests; the 4 most recent active, the rest completed);</li>
 * <li>60 observations: 30 vital signs (heart rate, weight, temperature) and 30 laboratory results
 * (glucose, HbA1c, creatinine);</li>
 * <li>9 allergies.</li>
 * </ul>
 * Writes {@code citizen.csv} (the Patient ids of all but An, a Gatling feeder for Bạch Mai) and {@code data-set.txt} to
 * {@code nhr.benchmark.data} (default fhir-server/target/summary-benchmark).
 */
public final class SummaryDataSetup {

    static final int RESOURCES_PER_CITIZEN = 200;
    private static final int CITIZENS = Integer.getInteger("nhr.benchmark.citizens", 20);
    private static final Path OUT = Path.of(System.getProperty("nhr.benchmark.data", "fhir-server/target/summary-benchmark"));
    private static final String RUN = Long.toString(Instant.now().getEpochSecond(), 36).toUpperCase();
    private static final String FACILITY = RecordFixtures.BACH_MAI;
    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.ofHours(7)).withNano(0);

    private static final String[] DIAGNOSES = {"J18.9", "K29.7", "I10", "E11.9", "A09.0", "J06.9", "M54.5", "H10.9", "J20.9"};
    private static final String[] VACCINES = {"BCG", "VGB-SS", "DPT-VGB-HIB", "BOPV", "IPV", "SOI", "SOI-RUBELLA", "VNNB",
            "DPT", "TD", "UV", "ROTA"};
    private static final String LOINC = "http://loinc.org";
    private static final String UCUM = "http://unitsofmeasure.org";
    private static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    /** LOINC code, Vietnamese name, UCUM unit, base value: vital signs then laboratory results. */
    private static final String[][] VITALS = {{"8867-4", "Nhịp tim", "/min", "78"}, {"29463-7", "Cân nặng", "kg", "62"},
            {"8310-5", "Nhiệt độ cơ thể", "Cel", "36.8"}};
    private static final String[][] LABS = {{"2339-0", "Glucose máu", "mmol/L", "5.6"}, {"4548-4", "HbA1c", "%", "6.1"},
            {"2160-0", "Creatinin máu", "umol/L", "88"}};
    private static final String[] ALLERGENS = {"Penicilin", "Amoxicilin", "Aspirin", "Ibuprofen", "Sulfamid", "Tôm, cua",
            "Đậu phộng", "Phấn hoa", "Mủ cao su"};

    private SummaryDataSetup() {
    }

    public static void main(String[] args) throws Exception {
        Files.createDirectories(OUT);
        long start = System.nanoTime();
        Supplier<String> admin = BenchmarkTokens.refreshing(BenchmarkTokens::administrator);
        Supplier<String> bachMai = BenchmarkTokens.refreshing(BenchmarkTokens::bachMaiEmr);
        BenchmarkClient.putDirectory(admin, "Patient-nguyen-van-an.json");

        List<String> citizens = new ArrayList<>();
        int written = 0;
        for (int i = 0; i < CITIZENS; i++) {
            citizens.add(load(i, bachMai));
            written += RESOURCES_PER_CITIZEN;
            System.out.printf("%d / %d citizens, %.0f s%n", i + 1, CITIZENS, (System.nanoTime() - start) / 1e9);
        }
        // Bạch Mai reads the others: An's Patient itself was written by the administrator (the guide's example),
        // so without An's consent the facility is refused An's record (a 403 would not measure the summary)
        BenchmarkClient.writeFeeder(OUT, "citizen", citizens.subList(1, citizens.size()));
        String summary = """
                data set of SummarySimulation, run %s, %s
                citizens (Patient): %d, the first the demo citizen Nguyễn Văn An (Patient/nguyen-van-an)
                resources per citizen: %d (Patient, 25 Encounter + 25 Condition, 40 Immunization,
                  40 MedicationRequest in 20 prescriptions, 30 vital-sign + 30 laboratory Observation, 9 AllergyIntolerance)
                resources written: %d, by Bạch Mai's EMR system (01001)
                loading time: %.0f s
                """.formatted(RUN, Instant.now(), CITIZENS, RESOURCES_PER_CITIZEN, written,
                (System.nanoTime() - start) / 1e9);
        Files.writeString(OUT.resolve("data-set.txt"), summary, StandardCharsets.UTF_8);
        System.out.print(summary);
        System.exit(0);
    }

    /** Writes one citizen's 200 resources; returns the Patient id. */
    private static String load(int i, Supplier<String> bachMai) {
        String patientId;
        if (i == 0) {
            patientId = "nguyen-van-an"; // PUT with the directory (the demo citizen's CCCD)
            BenchmarkClient.transaction(bachMai, episodes(patientId, 0, 1, null));
        } else {
            int year = 1940 + (i * 7) % 60;
            Patient citizen = i % 2 == 0 ? TestCitizens.man("Lê", "Văn Tóm Tắt " + i, year)
                    : TestCitizens.woman("Phạm", "Thị Tóm Tắt " + i, year);
            patientId = BenchmarkClient.locationId(BenchmarkClient.transaction(bachMai, episodes(null, i, 1, citizen)), 0);
        }
        BenchmarkClient.transaction(bachMai, episodes(patientId, i, 24, null));
        BenchmarkClient.transaction(bachMai, immunizations(patientId, i));
        BenchmarkClient.transaction(bachMai, prescriptions(patientId, i));
        BenchmarkClient.transaction(bachMai, observationsAndAllergies(patientId));
        return patientId;
    }

    /** {@code count} episodes (Encounter + Condition), the first creating {@code newPatient} when given. */
    private static Bundle episodes(String patientId, int citizen, int count, Patient newPatient) {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int k = 0; k < count; k++) {
            Bundle one = RecordFixtures.episode(FACILITY, newPatient == null ? patientId : null, k == 0 ? newPatient : null,
                    DIAGNOSES[(citizen + k) % DIAGNOSES.length]);
            for (Bundle.BundleEntryComponent e : one.getEntry()) {
                if (e.getResource() instanceof org.hl7.fhir.r4.model.Encounter encounter) {
                    encounter.getIdentifierFirstRep().setSystem(NhrIdentifierSystems.treatmentEpisode(FACILITY))
                            .setValue("SUM-" + RUN + "-" + citizen + "-" + tx.getEntry().size());
                }
                tx.addEntry(e);
            }
        }
        return tx;
    }

    private static Bundle immunizations(String patientId, int citizen) {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int k = 0; k < 40; k++) {
            Immunization imm = RecordFixtures.example(Immunization.class, "Immunization-con-bich-bcg.json");
            imm.setId((String) null);
            String vaccine = VACCINES[k % VACCINES.length];
            imm.getVaccineCode().getCoding().clear();
            imm.getVaccineCode().addCoding().setSystem("http://fhir.ehealth.gov.vn/nhr/CodeSystem/vn-vaccine").setCode(vaccine);
            imm.getVaccineCode().setText("Vắc xin " + vaccine);
            imm.setPatient(new Reference("Patient/" + patientId));
            imm.setOccurrence(new DateTimeType(Date.from(NOW.minusDays(30L * (k + 1)).toInstant())));
            imm.setLotNumber(vaccine + "-" + RUN + "-" + citizen + "-" + k);
            imm.getPerformer().get(0).setActor(new Reference("Organization/bv-bach-mai").setDisplay("Bệnh viện Bạch Mai"));
            imm.getPerformer().get(1).setActor(new Reference("Practitioner/bs-le-van-cuong").setDisplay("BS. Lê Văn Cường"));
            imm.getProtocolAppliedFirstRep().setDoseNumber(new org.hl7.fhir.r4.model.PositiveIntType(k / VACCINES.length + 1));
            add(tx, imm);
        }
        return tx;
    }

    private static Bundle prescriptions(String patientId, int citizen) {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int p = 0; p < 20; p++) {
            String code = FACILITY + "S" + RUN + citizen + "X" + p;
            for (int line = 0; line < 2; line++) {
                MedicationRequest mr = RecordFixtures.example(MedicationRequest.class, "MedicationRequest-an-amlodipin-2026.json");
                mr.setId((String) null);
                mr.setEncounter(null);
                mr.setSubject(new Reference("Patient/" + patientId));
                mr.getIdentifier().clear();
                mr.addIdentifier(new Identifier().setSystem(NhrIdentifierSystems.PRESCRIPTION_CODE).setValue(code + "-" + line));
                mr.getGroupIdentifier().setValue(code);
                mr.setStatus(p < 2 ? MedicationRequest.MedicationRequestStatus.ACTIVE : MedicationRequest.MedicationRequestStatus.COMPLETED);
                mr.setAuthoredOnElement(new DateTimeType(Date.from(NOW.minusDays(45L * p + line).toInstant())));
                add(tx, mr);
            }
        }
        return tx;
    }

    private static Bundle observationsAndAllergies(String patientId) {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int k = 0; k < 30; k++) {
            add(tx, observation(patientId, "vital-signs", VITALS[k % 3], k));
            add(tx, observation(patientId, "laboratory", LABS[k % 3], k));
        }
        for (int k = 0; k < ALLERGENS.length; k++) {
            AllergyIntolerance a = new AllergyIntolerance();
            a.setClinicalStatus(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", null)));
            a.setVerificationStatus(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "confirmed", null)));
            a.setCode(new CodeableConcept().setText(ALLERGENS[k]));
            a.setPatient(new Reference("Patient/" + patientId));
            a.setRecordedDateElement(new DateTimeType(Date.from(NOW.minusDays(100L * (k + 1)).toInstant())));
            add(tx, a);
        }
        return tx;
    }

    private static Observation observation(String patientId, String category, String[] kind, int k) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept(new Coding(OBSERVATION_CATEGORY, category, null)));
        o.setCode(new CodeableConcept(new Coding(LOINC, kind[0], null)).setText(kind[1]));
        o.setSubject(new Reference("Patient/" + patientId));
        o.setEffective(new DateTimeType(Date.from(NOW.minusDays(20L * (k + 1)).toInstant())));
        double value = Double.parseDouble(kind[3]) * (0.9 + (k % 5) * 0.05);
        o.setValue(new Quantity().setValue(Math.round(value * 10) / 10.0).setUnit(kind[2]).setSystem(UCUM).setCode(kind[2]));
        o.addPerformer(new Reference("Organization/bv-bach-mai"));
        return o;
    }

    private static void add(Bundle tx, Resource r) {
        tx.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(r).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl(r.fhirType());
    }
}
