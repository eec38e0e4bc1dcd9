package vn.ehealth.nhr.benchmark;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.support.RecordFixtures;
import vn.ehealth.nhr.server.support.TestCitizens;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The data set of {@link ConsentSearchSimulation}, written over HTTP through the access rules as the
 * facilities' EMR systems would (every record passes the national profiles: the shapes of
 * {@link RecordFixtures} and {@link TestCitizens}). Run it once on a fresh database, with the
 * server's access rules ON (so {@code meta.source} is stamped with the writing facility):
 * <ul>
 * <li>the directory (the two hospitals and their doctors), as the administrator;</li>
 * <li>{@code nhr.benchmark.patients} citizens (default 500), each with {@code nhr.benchmark.episodes}
 * outpatient episodes (default 3: Encounter + Condition) written by Bạch Mai (01001), the first one
 * creating the Patient;</li>
 * <li>for every second citizen a Consent recorded by Bạch Mai with the signed form attached, permitting
 * Chợ Rẫy (79001) the category {@code all} for a year;</li>
 * <li>for every third citizen one more episode written by Chợ Rẫy itself (what Chợ Rẫy sees of the
 * others without consent).</li>
 * </ul>
 * Writes {@code consented.csv} and {@code unconsented.csv} (the Patient ids, Gatling feeders) and
 * {@code data-set.txt} (counts) to {@code nhr.benchmark.data} (default fhir-server/target/consent-benchmark).
 * Other properties: nhr.benchmark.url (FHIR base), nhr.benchmark.token-url, nhr.benchmark.loader-threads (4).
 */
public final class ConsentDataSetup {

    private static final int PATIENTS = Integer.getInteger("nhr.benchmark.patients", 500);
    private static final int EPISODES = Integer.getInteger("nhr.benchmark.episodes", 3);
    private static final int THREADS = Integer.getInteger("nhr.benchmark.loader-threads", 4);
    private static final Path OUT = Path.of(System.getProperty("nhr.benchmark.data", "fhir-server/target/consent-benchmark"));

    /** Common, non-sensitive diagnoses (sensitive ones would need an explicit category, rule 5). */
    private static final String[] DIAGNOSES = {"J18.9", "K29.7", "I10", "E11.9", "A09.0", "J06.9", "K35.8", "M54.5", "H10.9", "J20.9"};

    private static final AtomicInteger RESOURCES = new AtomicInteger();
    private static final String RUN = Long.toString(Instant.now().getEpochSecond(), 36).toUpperCase();

    private record Loaded(String patientId, boolean consented, boolean choRayEpisode) {
    }

    private ConsentDataSetup() {
    }

    public static void main(String[] args) throws Exception {
        Files.createDirectories(OUT);
        long start = System.nanoTime();
        Supplier<String> admin = BenchmarkTokens.refreshing(BenchmarkTokens::administrator);
        Supplier<String> bachMai = BenchmarkTokens.refreshing(BenchmarkTokens::bachMaiEmr);
        Supplier<String> choRay = BenchmarkTokens.refreshing(BenchmarkTokens::choRayEmr);

        BenchmarkClient.putDirectory(admin);

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Loaded>> futures = new ArrayList<>();
        for (int i = 0; i < PATIENTS; i++) {
            int n = i;
            futures.add(pool.submit(() -> load(n, bachMai, choRay)));
        }
        List<Loaded> loaded = new ArrayList<>();
        try {
            for (Future<Loaded> f : futures) {
                loaded.add(f.get());
                if (loaded.size() % 50 == 0) {
                    System.out.printf("%d / %d citizens, %d resources, %.0f s%n", loaded.size(), PATIENTS, RESOURCES.get(),
                            (System.nanoTime() - start) / 1e9);
                }
            }
        } catch (ExecutionException e) {
            pool.shutdownNow();
            throw new IllegalStateException("loading failed: " + e.getCause().getMessage(), e.getCause());
        }
        pool.shutdown();

        writeFeeder("consented", loaded.stream().filter(Loaded::consented).map(Loaded::patientId).toList());
        writeFeeder("unconsented", loaded.stream().filter(l -> !l.consented()).map(Loaded::patientId).toList());
        long consented = loaded.stream().filter(Loaded::consented).count();
        long choRayEpisodes = loaded.stream().filter(Loaded::choRayEpisode).count();
        String summary = """
                data set of ConsentSearchSimulation, run %s, %s
                citizens (Patient): %d, of which with a Consent permitting Chợ Rẫy (all): %d
                episodes by Bạch Mai: %d (Encounter + Condition each); by Chợ Rẫy: %d
                resources written: %d (+ 4 directory entries)
                loading time: %.0f s with %d threads
                """.formatted(RUN, Instant.now(), PATIENTS, consented, (long) PATIENTS * EPISODES, choRayEpisodes,
                RESOURCES.get(), (System.nanoTime() - start) / 1e9, THREADS);
        Files.writeString(OUT.resolve("data-set.txt"), summary, StandardCharsets.UTF_8);
        System.out.print(summary);
        System.out.println("feeders written to " + OUT.toAbsolutePath());
        System.exit(0);
    }

    private static Loaded load(int i, Supplier<String> bachMai, Supplier<String> choRay) {
        int year = 1940 + (i * 7) % 60; // 1940–1999: a CCCD of TestCitizens encodes the 20th century
        Patient citizen = i % 2 == 0 ? TestCitizens.man("Nguyễn", "Văn Thử " + i, year)
                : TestCitizens.woman("Trần", "Thị Thử " + i, year);
        Bundle first = RecordFixtures.episode(RecordFixtures.BACH_MAI, null, citizen, diagnosis(i, 0));
        String patientId = BenchmarkClient.locationId(BenchmarkClient.transaction(bachMai, tag(first, RecordFixtures.BACH_MAI, i, 0)), 0);
        RESOURCES.addAndGet(3);
        for (int k = 1; k < EPISODES; k++) {
            BenchmarkClient.transaction(bachMai, tag(RecordFixtures.episode(RecordFixtures.BACH_MAI, patientId, null, diagnosis(i, k)),
                    RecordFixtures.BACH_MAI, i, k));
            RESOURCES.addAndGet(2);
        }
        boolean consented = i % 2 == 0;
        if (consented) {
            Consent consent = RecordFixtures.consent(patientId, Consent.ConsentProvisionType.PERMIT, RecordFixtures.CHO_RAY, "all", true);
            BenchmarkClient.send(bachMai, "POST", "/Consent", RecordFixtures.json(consent), 201);
            RESOURCES.incrementAndGet();
        }
        boolean choRayEpisode = i % 3 == 0;
        if (choRayEpisode) {
            BenchmarkClient.transaction(choRay, tag(RecordFixtures.episode(RecordFixtures.CHO_RAY, patientId, null, diagnosis(i, EPISODES)),
                    RecordFixtures.CHO_RAY, i, EPISODES));
            RESOURCES.addAndGet(2);
        }
        return new Loaded(patientId, consented, choRayEpisode);
    }

    private static String diagnosis(int patient, int episode) {
        return DIAGNOSES[(patient + episode * 3) % DIAGNOSES.length];
    }

    /** A treatment-episode number that is unique and recognisable: BENCH-<run>-<citizen>-<episode>. */
    private static Bundle tag(Bundle tx, String facility, int patient, int episode) {
        for (Bundle.BundleEntryComponent e : tx.getEntry()) {
            if (e.getResource() instanceof Encounter encounter) {
                encounter.getIdentifierFirstRep().setSystem(NhrIdentifierSystems.treatmentEpisode(facility))
                        .setValue("BENCH-" + RUN + "-" + patient + "-" + episode);
            }
        }
        return tx;
    }

    private static void writeFeeder(String column, List<String> ids) throws IOException {
        BenchmarkClient.writeFeeder(OUT, column, ids);
    }
}
