package vn.ehealth.nhr.loaders.xml130;

import org.hl7.fhir.r4.model.Resource;

import java.util.List;

/**
 * What an earlier load of an episode stored: its Encounter (found by MA_LK) and every resource that
 * refers to it, so that a row gone from a corrected file can be withdrawn ({@link RemovedRows}).
 * Asked of the server over HTTP by {@code nhr-load xml130}, of the DAOs by {@code $import-xml130}.
 */
@FunctionalInterface
public interface EpisodeInventory {

    /**
     * The reverse includes that reach every resource made from a row: each points to the episode's
     * Encounter. A mapper that makes another resource type adds its reference here.
     */
    List<String> REVINCLUDES = List.of("Condition:encounter", "MedicationRequest:encounter",
            "MedicationAdministration:context", "Procedure:encounter", "ServiceRequest:encounter",
            "Observation:encounter", "DiagnosticReport:encounter", "Appointment:supporting-info",
            "Composition:encounter", "DocumentReference:encounter", "ClinicalImpression:encounter", "CarePlan:encounter");

    /** {@code Encounter?identifier=episodeSystem|maLk} with {@link #REVINCLUDES}: the Encounter and its resources. */
    List<Resource> stored(String episodeSystem, String maLk);
}
