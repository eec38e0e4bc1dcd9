package vn.ehealth.nhr.benchmark;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import vn.ehealth.nhr.loaders.synthetic.PopulationGenerator;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.support.RecordFixtures;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The feeders of {@link PopulationReadSimulation}, after the ingest of a synthetic population
 * ({@code population-benchmark.sh}): every n-th citizen file (at most {@code nhr.benchmark.read-citizens},
 * default 200) gives a citizen's CCCD, their home province, one of their ICD-10 diagnoses and the year of
 * their latest visit; their Patient id is looked up on the server by CCCD. Half of them then get a
 * Consent permitting Bạch Mai (01001) all of their record, the other half none; the population was
 * written by the administrator (no facility authorship), so Bạch Mai's doctor sees the first half
 * through the consent and nothing of the second. The demo citizen Nguyễn Văn An (the guide's Patient,
 * whom the Sổ Sức khỏe app's demo account is) gets the record of a synthetic man of working age drawn
 * with another seed, so that the citizen token has a record of the same shape to read.
 *
 * <p>Arguments: the population folder. Writes {@code consented.csv}, {@code unconsented.csv}, {@code
 * citizen-an.csv} and {@code read-data-set.txt} to {@code nhr.benchmark.data}. Run as the administrator.
 */
public final class PopulationReadSetup {

    private static final Path OUT = Path.of(System.getProperty("nhr.benchmark.data", "fhir-server/target/population-benchmark"));
    private static final int SAMPLE = Integer.getInteger("nhr.benchmark.read-citizens", 200);
    private static final String AN_ID = "nguyen-van-an";
    private static final String AN_CCCD = "001085012345";
    private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    private static final FhirContext FHIR = RecordFixtures.FHIR;

    /** One sampled citizen: a feeder row. */
    record Citizen(String id, String cccd, String year, String province, String icd) {
        String csv() {
            return String.join(",", id, cccd, year, province, icd);
        }
    }

    private PopulationReadSetup() {
    }

    public static void main(String[] args) throws IOException {
        Path population = Path.of(args[0]);
        Supplier<String> admin = BenchmarkTokens.refreshing(BenchmarkTokens::administrator);
        List<Path> files;
        try (Stream<Path> s = Files.list(population)) {
            files = s.filter(p -> p.getFileName().toString().startsWith("citizen-")).sorted().toList();
        }
        int step = Math.max(1, files.size() / SAMPLE);
        List<Citizen> consented = new ArrayList<>();
        List<Citizen> unconsented = new ArrayList<>();
        for (int i = 0; i < files.size() && consented.size() + unconsented.size() < SAMPLE; i += step) {
            Bundle tx = FHIR.newJsonParser().parseResource(Bundle.class, Files.readString(files.get(i), StandardCharsets.UTF_8));
            Patient patient = (Patient) tx.getEntryFirstRep().getResource();
            String cccd = cccd(patient);
            Citizen c = sampled(tx, patientId(admin, cccd), cccd, patient.getAddressFirstRep().getCity());
            if (consented.size() <= unconsented.size()) {
                Consent consent = RecordFixtures.consent(c.id(), Consent.ConsentProvisionType.PERMIT, RecordFixtures.BACH_MAI, "all", true);
                BenchmarkClient.send(admin, "POST", "/Consent", RecordFixtures.json(consent), 201);
                consented.add(c);
            } else {
                unconsented.add(c);
            }
        }
        Citizen an = loadAn(admin);
        write("consented", consented);
        write("unconsented", unconsented);
        write("citizen-an", List.of(an));
        String summary = "read feeders: %d citizens with a Consent permitting Bạch Mai, %d without, of %d citizen files; "
                .formatted(consented.size(), unconsented.size(), files.size())
                + "Nguyễn Văn An's record: " + an + System.lineSeparator();
        Files.writeString(OUT.resolve("read-data-set.txt"), summary, StandardCharsets.UTF_8);
        System.out.print(summary);
        System.exit(0);
    }

    private static String cccd(Patient p) {
        return p.getIdentifier().stream().filter(id -> NhrIdentifierSystems.CITIZEN_ID.equals(id.getSystem())).findFirst()
                .orElseThrow(() -> new IllegalStateException("a synthetic Patient without a CCCD")).getValue();
    }

    /** The feeder row of a citizen's transaction: their first ICD-10 diagnosis, the year of their latest visit. */
    private static Citizen sampled(Bundle tx, String id, String cccd, String province) {
        String icd = null;
        int year = 0;
        for (Bundle.BundleEntryComponent e : tx.getEntry()) {
            if (icd == null && e.getResource() instanceof Condition c) {
                icd = c.getCode().getCoding().stream().filter(x -> ICD10.equals(x.getSystem())).map(x -> x.getCode())
                        .findFirst().orElse(null);
            }
            if (e.getResource() instanceof Encounter enc && enc.getPeriod().hasStart()) {
                year = Math.max(year, enc.getPeriod().getStart().toInstant().atOffset(ZoneOffset.ofHours(7)).getYear());
            }
        }
        if (province.contains(",")) {
            throw new IllegalStateException("a province name with a comma breaks the CSV feeder: " + province);
        }
        return new Citizen(id, cccd, Integer.toString(year == 0 ? LocalDate.now().getYear() : year), province,
                icd == null ? "I10" : icd);
    }

    private static String patientId(Supplier<String> admin, String cccd) {
        String query = "/Patient?_elements=id&identifier="
                + URLEncoder.encode(NhrIdentifierSystems.CITIZEN_ID + "|" + cccd, StandardCharsets.UTF_8);
        Bundle found = FHIR.newJsonParser().parseResource(Bundle.class, BenchmarkClient.send(admin, "GET", query, "", 200));
        if (found.getEntry().size() != 1) {
            throw new IllegalStateException("CCCD " + cccd + ": " + found.getEntry().size() + " Patients (was the population ingested?)");
        }
        return found.getEntryFirstRep().getResource().getIdElement().getIdPart();
    }

    /**
     * The guide's Patient of Nguyễn Văn An (male, born 1985) with the record of the first synthetic man born
     * 1965–1995 of the next seed: his Patient entry dropped and every reference to it pointed at An.
     */
    private static Citizen loadAn(Supplier<String> admin) {
        BenchmarkClient.putDirectory(admin, "Patient-nguyen-van-an.json");
        long seed = Long.getLong("nhr.benchmark.seed", 20261126L) + 1;
        LocalDate asOf = LocalDate.parse(System.getProperty("nhr.benchmark.as-of", LocalDate.now().toString()));
        PopulationGenerator generator = new PopulationGenerator(FHIR, seed, asOf, Integer.getInteger("nhr.benchmark.years", 5));
        for (int n = 0; ; n++) {
            Bundle tx = generator.citizen(n).transaction(); // his hospital stays' papers are not needed by the read mix
            Patient p = (Patient) tx.getEntryFirstRep().getResource();
            int born = p.getBirthDateElement().getYear();
            if (p.getGender() != org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.MALE || born < 1965 || born > 1995
                    || tx.getEntry().stream().noneMatch(e -> e.getResource() instanceof Condition)) {
                continue;
            }
            String patientUrl = tx.getEntryFirstRep().getFullUrl();
            tx.getEntry().remove(0);
            for (Bundle.BundleEntryComponent e : tx.getEntry()) {
                repoint(e.getResource(), patientUrl);
            }
            BenchmarkClient.send(admin, "POST", "/", RecordFixtures.json(tx), 200);
            return sampled(tx, AN_ID, AN_CCCD, "Hà Nội");
        }
    }

    private static void repoint(Resource r, String patientUrl) {
        for (Reference ref : FHIR.newTerser().getAllPopulatedChildElementsOfType(r, Reference.class)) {
            if (patientUrl.equals(ref.getReference())) {
                ref.setReference("Patient/" + AN_ID);
            }
        }
    }

    private static void write(String name, List<Citizen> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("id,cccd,year,province,icd");
        rows.forEach(c -> lines.add(c.csv()));
        Files.write(OUT.resolve(name + ".csv"), lines, StandardCharsets.UTF_8);
    }
}
