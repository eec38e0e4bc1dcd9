package vn.ehealth.nhr.loaders.synthetic;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;

import java.time.LocalDate;

/**
 * A reproducible synthetic Vietnamese population (issue 8): the directory of facilities and doctors,
 * then citizens one by one, each a transaction Bundle that passes the national profiles. The same
 * seed, reference date and history length give the same population, byte for byte.
 */
public final class PopulationGenerator {

    private final Directory directory;
    private final CitizenLives lives;

    /**
     * @param seed   the population's seed
     * @param today  the reference date (the day the records are "as of")
     * @param years  how many years of history each citizen gets (children: since birth)
     */
    public PopulationGenerator(FhirContext fhir, long seed, LocalDate today, int years) {
        Templates templates = new Templates(fhir);
        Geography geography = Geography.shipped(fhir);
        this.directory = new Directory(geography, templates, seed);
        this.lives = new CitizenLives(templates, geography, directory, Diagnoses.shipped(fhir), seed, today, years);
    }

    /** The facilities (one per province) and their doctors, as PUTs: load it first. */
    public Bundle directory() {
        return directory.bundle();
    }

    /** Citizen {@code n} (from 0) with their record: one transaction, then the discharge papers of their stays. */
    public SyntheticCitizen citizen(int n) {
        return lives.citizen(n);
    }
}
