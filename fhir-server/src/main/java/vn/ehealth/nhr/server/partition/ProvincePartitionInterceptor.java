package vn.ehealth.nhr.server.partition;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.model.ReadPartitionIdRequestDetails;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.util.BundleUtil;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.bundle.BundleEntryParts;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Partitioning by province ({@code nhr.partitioning.mode=PROVINCE}, ADR 18), on HAPI's storage
 * interceptor service:
 * <ul>
 * <li>writes ({@code STORAGE_PARTITION_IDENTIFY_CREATE}): a Patient goes to the partition of the
 * province of its CCCD ({@link ProvincePartitions}); a resource of the Patient compartment to its
 * Patient's partition (found by the compartment's search parameters: a stored Patient's partition, a
 * Patient of the same transaction by its {@code urn:uuid}, a conditional {@code Patient?identifier=}
 * by the CCCD it names); a resource already on file stays where it is; everything else, and a
 * resource about no citizen or about citizens of several partitions, to the default partition;</li>
 * <li>reads ({@code STORAGE_PARTITION_IDENTIFY_READ}): all partitions. A search never needs to know
 * the citizen's province, so the partition is not part of the search hashes.</li>
 * </ul>
 */
@Interceptor
public class ProvincePartitionInterceptor {

    /** Request user data: the Patients of the transaction being processed, by fullUrl and by {@code Patient/id}. */
    static final String TRANSACTION_PATIENTS = ProvincePartitionInterceptor.class.getName() + ".transactionPatients";

    private static final String PATIENT = "Patient";
    private static final String CONDITIONAL_PREFIX = "Patient?";
    /** R4 compartment paths name their target type: {@code Encounter.subject.where(resolve() is Patient)}. */
    private static final Pattern RESOLVE_IS = Pattern.compile("^(.+)\\.where\\(resolve\\(\\) is ([A-Za-z]+)\\)$");

    private final FhirContext fhir;
    private final ProvincePartitions provinces;
    private final StoredPartitions stored;

    public ProvincePartitionInterceptor(FhirContext fhir, ProvincePartitions provinces, StoredPartitions stored) {
        this.fhir = fhir;
        this.provinces = provinces;
        this.stored = stored;
    }

    /**
     * HAPI names each entry's partition before it writes any of them, while references to a Patient
     * created in the same transaction are still its {@code urn:uuid}: remember those Patients so
     * their records can follow them (HAPI's PatientIdPartitionInterceptor does the same for ids).
     */
    @Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
    public void rememberTransactionPatients(RequestDetails request, IBaseBundle bundle) {
        if (request == null) {
            return;
        }
        Map<String, Patient> patients = transactionPatients(request);
        for (BundleEntryParts entry : BundleUtil.toListOfEntries(fhir, bundle)) {
            if (entry.getResource() instanceof Patient patient) {
                if (entry.getFullUrl() != null) {
                    patients.put(entry.getFullUrl(), patient);
                }
                IIdType id = patient.getIdElement();
                if (id.hasIdPart() && !id.isUuid()) {
                    patients.put(PATIENT + "/" + id.getIdPart(), patient);
                }
            }
        }
        request.getUserData().put(TRANSACTION_PATIENTS, patients);
    }

    @Hook(Pointcut.STORAGE_PARTITION_IDENTIFY_CREATE)
    public RequestPartitionId identifyForCreate(IBaseResource resource, RequestDetails request) {
        RuntimeResourceDefinition definition = fhir.getResourceDefinition(resource);
        boolean isPatient = PATIENT.equals(definition.getName());
        List<RuntimeSearchParam> compartment = definition.getSearchParamsForCompartmentName(PATIENT);
        if (!isPatient && compartment.isEmpty()) {
            return provinces.defaultPartition(); // directory, catalogues, subscriptions: shared by all provinces
        }
        // An update keeps the resource where it is: HAPI finds the current version only in its own partition.
        Optional<RequestPartitionId> onFile = storedPartitionOf(resource);
        if (onFile.isPresent()) {
            return onFile.get();
        }
        if (isPatient) {
            return provinces.ofPatient((Patient) resource);
        }
        Set<RequestPartitionId> partitions = new HashSet<>();
        for (String reference : patientReferences(resource, compartment)) {
            partitionOfPatientReference(reference, request).ifPresent(partitions::add);
        }
        // several citizens' partitions (a Provenance of a merge, a group's list): the shared partition
        return partitions.size() == 1 ? partitions.iterator().next() : provinces.defaultPartition();
    }

    /**
     * Every read and search sees all partitions: none needs to know a citizen's province, and the
     * message that feeds subscription matching then names no partition, so Subscriptions (stored in the
     * default partition) keep matching the records of every province.
     */
    @Hook(Pointcut.STORAGE_PARTITION_IDENTIFY_READ)
    public RequestPartitionId identifyForRead(ReadPartitionIdRequestDetails read) {
        return RequestPartitionId.allPartitions();
    }

    private Optional<RequestPartitionId> storedPartitionOf(IBaseResource resource) {
        IIdType id = resource.getIdElement();
        if (id == null || !id.hasIdPart() || id.isUuid() || id.getIdPart().startsWith("#")) {
            return Optional.empty();
        }
        return stored.partitionOf(fhir.getResourceType(resource), id.getIdPart());
    }

    /**
     * The references of the resource's Patient-compartment search parameters that may name a Patient,
     * each once (Condition.subject is both {@code patient} and {@code subject}).
     */
    private Set<String> patientReferences(IBaseResource resource, List<RuntimeSearchParam> compartment) {
        FhirTerser terser = fhir.newTerser();
        Set<String> references = new LinkedHashSet<>();
        for (RuntimeSearchParam param : compartment) {
            for (String path : param.getPathsSplit()) {
                String plainPath = path.trim();
                Matcher resolveIs = RESOLVE_IS.matcher(plainPath);
                if (resolveIs.matches()) {
                    if (!PATIENT.equals(resolveIs.group(2))) {
                        continue;
                    }
                    plainPath = resolveIs.group(1);
                }
                if (!plainPath.startsWith(fhir.getResourceType(resource) + ".")) {
                    continue; // a path of another type sharing the parameter
                }
                try {
                    for (IBaseReference reference : terser.getValues(resource, plainPath, IBaseReference.class)) {
                        String value = reference.getReferenceElement().getValue();
                        if (value != null && !value.isBlank()) {
                            references.add(value);
                        }
                    }
                } catch (RuntimeException unsupportedPath) {
                    // FHIRPath the terser cannot follow (none in R4's Patient compartment today): not a patient link we know
                }
            }
        }
        return references;
    }

    private Optional<RequestPartitionId> partitionOfPatientReference(String value, RequestDetails request) {
        Patient inTransaction = request == null ? null : transactionPatients(request).get(value);
        if (inTransaction != null) {
            return Optional.of(storedPartitionOf(inTransaction).orElseGet(() -> provinces.ofPatient(inTransaction)));
        }
        if (value.startsWith(CONDITIONAL_PREFIX)) {
            return partitionOfConditionalReference(value);
        }
        IdType id = new IdType(value);
        if (PATIENT.equals(id.getResourceType()) && id.hasIdPart()) {
            // not on file: HAPI's reference check refuses the write; the partition does not matter
            return stored.partitionOf(PATIENT, id.getIdPart());
        }
        return Optional.empty(); // a Practitioner, RelatedPerson, Device… of the compartment's other parameters
    }

    /** {@code Patient?identifier=<CCCD system>|<number>} needs no look-up: the number names its province. */
    private Optional<RequestPartitionId> partitionOfConditionalReference(String url) {
        for (String parameter : url.substring(CONDITIONAL_PREFIX.length()).split("&")) {
            int equals = parameter.indexOf('=');
            if (equals < 0 || !"identifier".equals(parameter.substring(0, equals))) {
                continue;
            }
            String token = URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8);
            String cccdPrefix = NhrIdentifierSystems.CITIZEN_ID + "|";
            if (token.startsWith(cccdPrefix)) {
                return Optional.of(provinces.ofCccd(token.substring(cccdPrefix.length())));
            }
        }
        return stored.partitionOfPatientMatching(url);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Patient> transactionPatients(RequestDetails request) {
        Object known = request.getUserData().get(TRANSACTION_PATIENTS);
        return known instanceof Map<?, ?> map ? (Map<String, Patient>) map : new HashMap<>();
    }
}
