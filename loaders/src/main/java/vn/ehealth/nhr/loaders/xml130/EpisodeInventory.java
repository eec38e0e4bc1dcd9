package vn.ehealth.nhr.loaders.xml130;

import org.hl7.fhir.r4.model.Resource;

import java.util.List;
import java.util.stream.Stream;

/**
 * What an earlier load of an episode stored: its Encounter (found by MA_LK), every resource that
 * refers to it and the relatives the papers named, so that a row gone from a corrected file can be withdrawn ({@link RemovedRows}).
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

    /**
     * The row identifiers a load may give the relatives of XML7/XML8 ({@link EpisodeRelations}): they
     * refer to the Patient, not the Encounter, so they are found by these (a second search, same system).
     */
    static List<String> relativeKeys(String maLk) {
        return EpisodeRelations.ROLES.stream().flatMap(role -> Stream.of(
                maLk + "/" + Xml130Table.XML7.name() + "/" + role, maLk + "/" + Xml130Table.XML8.name() + "/" + role)).toList();
    }

    /** The facility's row-identifier system, from the episode system {@code …/ma-lk/<facility>}. */
    static String rowSystem(String episodeSystem) {
        return EpisodeMapping.ROW_SYSTEM_PREFIX + episodeSystem.substring(episodeSystem.lastIndexOf('/') + 1);
    }

    /**
     * {@code Encounter?identifier=episodeSystem|maLk} with {@link #REVINCLUDES}: the Encounter and its
     * resources; and {@code RelatedPerson?identifier=} the {@link #relativeKeys} in {@link #rowSystem}.
     */
    List<Resource> stored(String episodeSystem, String maLk);
}
