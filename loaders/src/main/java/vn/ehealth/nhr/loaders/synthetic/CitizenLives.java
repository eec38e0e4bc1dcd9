package vn.ehealth.nhr.loaders.synthetic;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * One synthetic citizen and their record as a FHIR transaction: the Patient (created only if no
 * Patient has that CCCD yet), visits over the last years (Encounter + diagnosis), the infant
 * vaccination schedule for children, hypertension and diabetes care with renewed prescriptions and
 * laboratory results for some adults, and vital signs at each visit. Everything is drawn from a
 * Random seeded by the population seed and the citizen's number, so citizen {@code n} of seed
 * {@code s} is always the same person with the same record, whichever order they are made in.
 */
final class CitizenLives {

    private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);
    private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    private static final String VACCINE_SYSTEM = "http://fhir.ehealth.gov.vn/nhr/CodeSystem/vn-vaccine";
    private static final String CVX = "http://hl7.org/fhir/sid/cvx";
    private static final String LOINC = "http://loinc.org";
    private static final String UCUM = "http://unitsofmeasure.org";
    private static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    private static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    /** Share of each age band in the population (per mille), from the age pyramid of the 2019 census, rounded. */
    private static final int[][] AGE_BANDS = {{0, 4, 75}, {5, 14, 155}, {15, 24, 140}, {25, 34, 160}, {35, 44, 150},
            {45, 54, 130}, {55, 64, 100}, {65, 74, 60}, {75, 90, 30}};
    private static final List<String> ETHNIC = List.of("01", "01", "01", "01", "01", "01", "01", "01", "02", "03", "06", "07", "04");
    private static final List<String> WORKING_OCCUPATIONS = List.of("04", "05", "05", "07", "08", "09", "10");
    private static final Map<String, String> VACCINE_TO_CVX = Map.ofEntries(Map.entry("BCG", "19"), Map.entry("VGB-SS", "08"),
            Map.entry("DPT-VGB-HIB", "102"), Map.entry("BOPV", "178"), Map.entry("IPV", "10"), Map.entry("SOI", "05"),
            Map.entry("SOI-RUBELLA", "04"), Map.entry("VNNB", "129"), Map.entry("DPT", "01"), Map.entry("TD", "139"),
            Map.entry("UV", "35"), Map.entry("ROTA", "122"));

    private final Templates templates;
    private final Geography geography;
    private final Directory directory;
    private final Diagnoses diagnoses;
    private final DischargePapers papers;
    private final long seed;
    private final LocalDate today;
    private final int years;

    CitizenLives(Templates templates, Geography geography, Directory directory, Diagnoses diagnoses, long seed,
                 LocalDate today, int years) {
        this.templates = templates;
        this.geography = geography;
        this.directory = directory;
        this.diagnoses = diagnoses;
        this.papers = new DischargePapers(templates);
        this.seed = seed;
        this.today = today;
        this.years = years;
    }

    /** Citizen number {@code n} (0-based) and their record: one transaction and the discharge papers of their stays. */
    SyntheticCitizen citizen(int n) {
        Random random = new Random(seed * 1_000_003L + n);
        Life life = new Life(n, random);
        return new SyntheticCitizen(life.bundle, List.copyOf(life.documents));
    }

    private final class Life {
        final Random random;
        final Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        final boolean male;
        final String sex;
        final LocalDate birthDate;
        final Geography.Commune home;
        final Directory.Facility homeFacility;
        final String patientRef;
        final Patient patient;
        final String tag;
        final List<Bundle> documents = new ArrayList<>();
        int episodes;

        Life(int n, Random random) {
            this.random = random;
            this.patientRef = urn();
            this.male = random.nextBoolean();
            this.sex = male ? "male" : "female";
            this.birthDate = drawBirthDate();
            this.home = geography.anyCommune(random);
            this.homeFacility = directory.of(home.provinceCode());
            this.tag = "SYN" + Long.toString(seed, 36).toUpperCase() + "-" + n;
            this.patient = patient(n);
            add(patient, patientRef).getRequest().setIfNoneExist("identifier=" + NhrIdentifierSystems.CITIZEN_ID + "|"
                    + patient.getIdentifierFirstRep().getValue());
            LocalDate from = today.minusYears(years).isAfter(birthDate) ? today.minusYears(years) : birthDate;
            immunizations();
            visits(from);
            chronicCare(from);
        }

        LocalDate drawBirthDate() {
            int pick = random.nextInt(1000);
            for (int[] band : AGE_BANDS) {
                pick -= band[2];
                if (pick < 0) {
                    int age = band[0] + random.nextInt(band[1] - band[0] + 1);
                    return today.minusYears(age).minusDays(random.nextInt(365));
                }
            }
            return today.minusYears(40);
        }

        long age() {
            return ChronoUnit.YEARS.between(birthDate, today);
        }

        Patient patient(int n) {
            Patient p = templates.patient();
            VietnameseNames.Name name = VietnameseNames.draw(random, male);
            p.getName().get(0).setText(name.text()).setFamily(name.family()).getGiven().clear();
            p.getName().get(0).addGiven(name.middle()).addGiven(name.given());
            p.setGender(male ? Enumerations.AdministrativeGender.MALE : Enumerations.AdministrativeGender.FEMALE);
            p.setBirthDateElement(new DateType(birthDate.toString()));
            p.getIdentifier().clear();
            p.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem(NhrIdentifierSystems.CITIZEN_ID).setValue(cccd(n));
            p.addIdentifier().setSystem(NhrIdentifierSystems.INSURANCE_NUMBER).setValue(bhyt(n))
                    .setPeriod(new Period().setStartElement(new DateTimeType(today.withDayOfYear(1).toString()))
                            .setEndElement(new DateTimeType(today.withMonth(12).withDayOfMonth(31).toString())));
            p.getTelecomFirstRep().setValue(String.format("09%08d", random.nextInt(100_000_000)));
            p.setAddress(List.of(Addresses.of(home, "Số " + (1 + random.nextInt(200)) + ", tổ " + (1 + random.nextInt(30)), "home")));
            p.getExtensionByUrl("http://fhir.ehealth.gov.vn/core/StructureDefinition/extension-race").setValue(
                    new CodeableConcept(new Coding("http://fhir.ehealth.gov.vn/nhr/CodeSystem/vn-ethnic-group",
                            VietnameseNames.pick(random, ETHNIC), null)));
            long age = age();
            String occupation = age < 6 ? "01" : age < 22 ? "02" : age >= 60 ? "03" : VietnameseNames.pick(random, WORKING_OCCUPATIONS);
            p.getExtensionByUrl("http://fhir.ehealth.gov.vn/core/StructureDefinition/extension-occupation").setValue(
                    new CodeableConcept(new Coding("http://fhir.ehealth.gov.vn/nhr/CodeSystem/vn-occupation", occupation, null)));
            p.getExtensionByUrl("http://fhir.ehealth.gov.vn/nhr/StructureDefinition/vn-nhr-registered-primary-care")
                    .setValue(new Reference("Organization/" + homeFacility.organizationId()));
            return p;
        }

        /**
         * A CCCD that states this person's birth province, sex, century and year (TT 59/2021/TT-BCA); the
         * six-digit serial is the citizen's number, so numbers never repeat within a million citizens.
         */
        String cccd(int n) {
            int century = birthDate.getYear() / 100 - 19;
            int sexCentury = century * 2 + (male ? 0 : 1);
            return "0" + home.provinceCode() + sexCentury + String.format("%02d", birthDate.getYear() % 100)
                    + String.format("%06d", Math.floorMod(n + seed * 7919, 1_000_000));
        }

        /** A health-insurance card number: group, benefit level, province, 10-digit social-insurance number. */
        String bhyt(int n) {
            long age = age();
            String group = age < 6 ? "TE" : age < 22 ? "HS" : age >= 60 ? "HT" : random.nextBoolean() ? "DN" : "GD";
            int level = "TE".equals(group) ? 1 : "HT".equals(group) ? 2 : 4;
            return group + level + home.provinceCode() + String.format("%010d", Math.floorMod(n * 104_729L + seed, 10_000_000_000L));
        }

        void immunizations() {
            if (age() >= 16) {
                return; // adults' childhood doses predate the electronic record
            }
            Map<String, LocalDate> lastDose = new HashMap<>();
            for (EpiSchedule.Dose dose : EpiSchedule.DOSES) {
                LocalDate due = dose.dueFor(birthDate).plusDays(random.nextInt(10));
                // doses of one vaccine a week apart at least (JE doses 1 and 2 are due a week apart, and the
                // server refuses a second dose of one vaccine on the same day as a duplicate)
                LocalDate previous = lastDose.get(dose.vaccine());
                if (previous != null && due.isBefore(previous.plusDays(7))) {
                    due = previous.plusDays(7);
                }
                lastDose.put(dose.vaccine(), due);
                if (due.isAfter(today)) {
                    continue;
                }
                Immunization imm = templates.immunization();
                imm.getVaccineCode().getCoding().clear();
                imm.getVaccineCode().addCoding(new Coding(VACCINE_SYSTEM, dose.vaccine(), null));
                imm.getVaccineCode().addCoding(new Coding(CVX, VACCINE_TO_CVX.get(dose.vaccine()), null));
                imm.getVaccineCode().setText(null);
                imm.setPatient(new Reference(patientRef));
                imm.setOccurrence(dateTime(due.atTime(8 + random.nextInt(8), 0)));
                imm.setLotNumber(dose.vaccine() + "-" + due.getYear() + String.format("%02d", due.getMonthValue()));
                imm.setExpirationDate(null);
                imm.getPerformer().get(0).setActor(new Reference("Organization/" + homeFacility.organizationId()));
                imm.getPerformer().get(1).setActor(new Reference("Practitioner/" + homeFacility.practitionerId()));
                imm.getProtocolAppliedFirstRep().setDoseNumber(new PositiveIntType(dose.doseNumber()));
                if (!"BCG".equals(dose.vaccine())) {
                    imm.setSite(null).setRoute(null).setDoseQuantity(null); // the example's site and route are BCG's
                }
                add(imm, null);
            }
        }

        void visits(LocalDate from) {
            long age = age();
            double perYear = age < 5 ? 3 : age < 16 ? 1.5 : age < 60 ? 1 : 3;
            int count = (int) Math.round(perYear * ChronoUnit.DAYS.between(from, today) / 365.0 * (0.5 + random.nextDouble()));
            for (int k = 0; k < count; k++) {
                LocalDate day = from.plusDays(random.nextInt((int) Math.max(1, ChronoUnit.DAYS.between(from, today))));
                boolean inpatient = random.nextInt(10) == 0;
                Directory.Facility facility = random.nextInt(5) == 0
                        ? directory.facilities().get(random.nextInt(directory.facilities().size())) : homeFacility;
                episode(facility, day, inpatient, diagnoses.draw(random, sex, birthDate, day));
            }
        }

        /** Hypertension (from 40) and type 2 diabetes (from 45), each followed up every three months. */
        void chronicCare(LocalDate from) {
            long age = age();
            boolean hypertension = age >= 40 && random.nextInt(100) < (age >= 60 ? 45 : 20);
            boolean diabetes = age >= 45 && random.nextInt(100) < 12;
            if (hypertension) {
                followUp(from, "I10", "Amlodipin", "5 mg", "VD-26254-17", "Amlodipin 5 mg, viên nén", null);
            }
            if (diabetes) {
                followUp(from, "E11.9", "Metformin", "500 mg", "VD-SYN-0500", "Metformin 500 mg, viên nén (mô phỏng)", "4548-4");
            }
        }

        void followUp(LocalDate from, String icd10, String ingredient, String strength, String registration, String drugText,
                      String labLoinc) {
            String problemRef = urn();
            Condition problem = templates.condition();
            problem.getCategoryFirstRep().getCodingFirstRep().setCode("problem-list-item").setDisplay(null);
            problem.setCode(new CodeableConcept(new Coding(ICD10, icd10, diagnoses.display(icd10))));
            problem.setSubject(new Reference(patientRef));
            problem.setEncounter(null);
            problem.setOnset(new DateTimeType(String.valueOf(from.getYear())));
            problem.setRecordedDateElement(dateTime(from.atTime(9, 0)));
            add(problem, problemRef);
            int line = 0;
            for (LocalDate visit = from.plusDays(random.nextInt(30)); visit.isBefore(today); visit = visit.plusDays(90)) {
                String encounterRef = episode(homeFacility, visit, false, icd10);
                MedicationRequest mr = templates.medicationRequest();
                String code = homeFacility.code() + tag.replace("-", "") + "R" + (line++);
                mr.getExtension().get(0).getExtensionByUrl("ingredient").setValue(new org.hl7.fhir.r4.model.StringType(ingredient));
                mr.getExtension().get(0).getExtensionByUrl("strength").setValue(new org.hl7.fhir.r4.model.StringType(strength));
                mr.getIdentifierFirstRep().setValue(code + "-1");
                mr.getGroupIdentifier().setValue(code);
                mr.setMedication(new CodeableConcept(new Coding(NhrIdentifierSystems.DRUG_REGISTRATION_NUMBER, registration, drugText))
                        .setText(drugText));
                mr.setSubject(new Reference(patientRef));
                mr.setEncounter(new Reference(encounterRef));
                mr.setAuthoredOnElement(dateTime(visit.atTime(10, 30)));
                mr.setRequester(new Reference("Practitioner/" + homeFacility.practitionerId()));
                mr.getReasonCodeFirstRep().getCodingFirstRep().setCode(icd10).setDisplay(diagnoses.display(icd10));
                mr.getReasonCodeFirstRep().setText(null);
                mr.getDispenseRequest().getQuantity().setValue(90);
                mr.getDispenseRequest().getExpectedSupplyDuration().setValue(90);
                mr.setStatus(visit.plusDays(90).isAfter(today) ? MedicationRequest.MedicationRequestStatus.ACTIVE
                        : MedicationRequest.MedicationRequestStatus.COMPLETED);
                add(mr, null);
                if (labLoinc != null) {
                    add(observation("laboratory", labLoinc, "HbA1c", "%", 6.5 + random.nextInt(25) / 10.0, visit, encounterRef), null);
                }
            }
        }

        /**
         * A visit: the Encounter, its principal diagnosis and the vital signs taken, in the transaction; an
         * inpatient stay instead becomes its discharge paper (a document of its own, the stay and its diagnosis
         * inside). Returns the Encounter's reference.
         */
        String episode(Directory.Facility facility, LocalDate day, boolean inpatient, String icd10) {
            String encounterRef = urn();
            String conditionRef = urn();
            Encounter e = inpatient ? templates.inpatientEncounter() : templates.outpatientEncounter();
            e.getIdentifierFirstRep().setSystem(NhrIdentifierSystems.treatmentEpisode(facility.code()))
                    .setValue(tag + "-" + (++episodes));
            e.setSubject(new Reference(patientRef));
            e.setServiceProvider(new Reference("Organization/" + facility.organizationId())
                    .setIdentifier(new Identifier().setSystem(NhrIdentifierSystems.FACILITY_CODE).setValue(facility.code())));
            e.getParticipantFirstRep().setIndividual(new Reference("Practitioner/" + facility.practitionerId()));
            LocalDateTime start = day.atTime(7 + random.nextInt(9), random.nextInt(60));
            LocalDateTime end = inpatient ? start.plusDays(2 + random.nextInt(9)).withHour(10) : start.plusMinutes(20 + random.nextInt(100));
            if (inpatient && !end.toLocalDate().isBefore(today)) {
                // a stay still running has no discharge paper yet: move it back so it ended yesterday
                long over = ChronoUnit.DAYS.between(end.toLocalDate(), today) - 1;
                start = start.plusDays(over);
                end = end.plusDays(over);
            }
            e.setPeriod(new Period().setStartElement(dateTime(start)).setEndElement(dateTime(end)));
            if (inpatient) {
                e.getLength().setValue(ChronoUnit.DAYS.between(start.toLocalDate(), end.toLocalDate()) + 1);
                e.getHospitalization().setOrigin(null).setAdmitSource(null);
            }
            e.getReasonCode().clear();
            e.getDiagnosis().clear();
            e.addDiagnosis().setCondition(new Reference(conditionRef)).setRank(1).getUse()
                    .addCoding(new Coding("http://terminology.hl7.org/CodeSystem/diagnosis-role", "DD", null));
            e.getLocation().clear();

            Condition c = templates.condition();
            c.getCategoryFirstRep().getCodingFirstRep().setCode("encounter-diagnosis");
            c.getCategoryFirstRep().getCodingFirstRep().setSystem(CONDITION_CATEGORY).setDisplay(null);
            c.setCode(new CodeableConcept(new Coding(ICD10, icd10, diagnoses.display(icd10))));
            c.setSubject(new Reference(patientRef));
            c.setEncounter(new Reference(encounterRef));
            c.setOnset(dateTime(start));
            c.setRecordedDateElement(dateTime(start.plusMinutes(15)));
            c.setClinicalStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical",
                    end.toLocalDate().isBefore(today.minusDays(30)) ? "resolved" : "active", null)));
            if (inpatient) {
                documents.add(papers.document(new DischargePapers.Stay(patient, patientRef, e, encounterRef, c, conditionRef,
                        icd10 + " " + diagnoses.display(icd10), facility, facility == homeFacility, start, end), random));
                return encounterRef;
            }
            add(e, encounterRef);
            add(c, conditionRef);

            long ageYears = ChronoUnit.YEARS.between(birthDate, day);
            add(observation("vital-signs", "8867-4", "Nhịp tim", "/min", 60 + random.nextInt(40), day, encounterRef), null);
            add(observation("vital-signs", "8310-5", "Nhiệt độ cơ thể", "Cel", 36.5 + random.nextInt(25) / 10.0, day, encounterRef), null);
            double weight = ageYears < 1 ? 4 + ChronoUnit.MONTHS.between(birthDate, day) * 0.6
                    : ageYears < 16 ? 9 + ageYears * 3 : (male ? 55 : 47) + random.nextInt(20);
            add(observation("vital-signs", "29463-7", "Cân nặng", "kg", Math.round(weight * 10) / 10.0, day, encounterRef), null);
            return encounterRef;
        }

        Observation observation(String category, String loinc, String text, String unit, double value, LocalDate day,
                                String encounterRef) {
            Observation o = new Observation();
            o.setStatus(Observation.ObservationStatus.FINAL);
            o.addCategory(new CodeableConcept(new Coding(OBSERVATION_CATEGORY, category, null)));
            o.setCode(new CodeableConcept(new Coding(LOINC, loinc, null)).setText(text));
            o.setSubject(new Reference(patientRef));
            o.setEncounter(new Reference(encounterRef));
            o.setEffective(dateTime(day.atTime(9, 0)));
            o.setValue(new Quantity().setValue(Math.round(value * 10) / 10.0).setUnit(unit).setSystem(UCUM).setCode(unit));
            return o;
        }

        /** Temporary ids drawn from the citizen's Random, so the same seed writes the same file. */
        String urn() {
            return "urn:uuid:" + new UUID(random.nextLong(), random.nextLong());
        }

        Bundle.BundleEntryComponent add(Resource r, String fullUrl) {
            Bundle.BundleEntryComponent entry = bundle.addEntry().setFullUrl(fullUrl != null ? fullUrl : urn())
                    .setResource(r);
            entry.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(r.fhirType());
            return entry;
        }
    }

    static DateTimeType dateTime(LocalDateTime at) {
        DateTimeType t = new DateTimeType(Date.from(at.toInstant(VIETNAM)));
        t.setTimeZone(java.util.TimeZone.getTimeZone("GMT+07:00"));
        return t;
    }
}
