package vn.ehealth.nhr.server.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpProfileEnum;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Audits the reads HAPI's BALP interceptor leaves out: history ({@code _history} at every level),
 * extended operations ({@code $everything}, {@code $summary}, ...) and the start of bulk exports.
 * One PatientQuery event per patient whose data was shown (so each citizen sees it in their log),
 * or one basic Query event when none was.
 *
 * <p>Terminology-only responses (CodeSystem, ValueSet, ConceptMap) are not audited: the log is about
 * health data, and the public catalogues are read all the time. Register on the RestfulServer,
 * beside the BALP interceptor: storage hooks reach it there for HTTP requests only.
 */
@Interceptor
public class RecordAccessAuditInterceptor {

    static final Set<RestOperationTypeEnum> NOT_COVERED_BY_BALP = EnumSet.of(
            RestOperationTypeEnum.HISTORY_INSTANCE, RestOperationTypeEnum.HISTORY_TYPE, RestOperationTypeEnum.HISTORY_SYSTEM,
            RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE, RestOperationTypeEnum.EXTENDED_OPERATION_TYPE,
            RestOperationTypeEnum.EXTENDED_OPERATION_SERVER);

    static final Set<String> TERMINOLOGY = Set.of("CodeSystem", "ValueSet", "ConceptMap");

    private static final Logger LOG = LoggerFactory.getLogger(RecordAccessAuditInterceptor.class);

    private final IBalpAuditEventSink sink;
    private final AuditContextServices services;

    public RecordAccessAuditInterceptor(IBalpAuditEventSink sink, AuditContextServices services) {
        this.sink = sink;
        this.services = services;
    }

    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    public void shown(IPreResourceShowDetails details, ServletRequestDetails request) {
        // HAPI passes null here for internal (SystemRequestDetails) work when registered on the storage service
        if (request == null || request.getRestOperationType() == null
                || !NOT_COVERED_BY_BALP.contains(request.getRestOperationType())
                || (request.getResourceName() != null && TERMINOLOGY.contains(request.getResourceName()))) {
            return;
        }
        // what the consent rules removed (null) was not shown
        List<IBaseResource> resources = details.getAllResources().stream().filter(Objects::nonNull).toList();
        if (!resources.isEmpty() && resources.stream().allMatch(r -> TERMINOLOGY.contains(r.fhirType()))) {
            return;
        }
        try {
            record(AuditedRequest.of(request, services), patientsOf(resources, request), null);
        } catch (RuntimeException e) { // the response goes out whatever happens here
            LOG.error("Could not audit {} {}: {}", request.getRequestType(), request.getCompleteUrl(), e.toString());
        }
    }

    /**
     * A bulk export being started ({@code $export} at system, Patient or Group level). Runs after the
     * access rules' hooks (late order), so a refused export is audited as a refusal only.
     */
    @Hook(value = Pointcut.STORAGE_INITIATE_BULK_EXPORT, order = 1000)
    public void exportStarted(BulkExportJobParameters export, RequestDetails request) {
        if (!(request instanceof ServletRequestDetails)) {
            return; // started internally, not by a caller
        }
        try {
            Set<String> patients = new TreeSet<>();
            if (export.getPatientIds() != null) {
                export.getPatientIds().stream().map(AuditedRequest::patientReferenceOf).filter(Objects::nonNull)
                        .forEach(patients::add);
            }
            AuditedRequest audited = AuditedRequest.of(request, services);
            patients.addAll(audited.namedPatients());
            record(audited, patients, export.getGroupId());
        } catch (RuntimeException e) {
            LOG.error("Could not audit the bulk export {}: {}", request.getCompleteUrl(), e.toString());
        }
    }

    private void record(AuditedRequest request, Set<String> patients, String group) {
        if (patients.isEmpty()) {
            sink.recordAuditEvent(queryEvent(request, BalpProfileEnum.BASIC_QUERY, null, group));
        }
        for (String patient : patients) {
            sink.recordAuditEvent(queryEvent(request, BalpProfileEnum.PATIENT_QUERY, patient, group));
        }
    }

    static AuditEvent queryEvent(AuditedRequest request, BalpProfileEnum profile, String patient, String group) {
        AuditEvent event = AuditEvents.event(profile, request);
        AuditEvents.addQuery(event, request);
        if (group != null && !group.isBlank()) {
            AuditEvents.addData(event, group.contains("/") ? group : "Group/" + group);
        }
        if (patient != null) {
            AuditEvents.addPatient(event, patient);
        }
        return event;
    }

    /** The patients whose compartment the resources are in (a Patient is its own). */
    Set<String> patientsOf(List<IBaseResource> resources, RequestDetails request) {
        FhirContext fhir = request.getFhirContext();
        Set<String> patients = new TreeSet<>();
        for (IBaseResource resource : resources) {
            RuntimeResourceDefinition definition = fhir.getResourceDefinition(resource);
            if ("Patient".equals(definition.getName())) {
                if (resource.getIdElement().hasIdPart()) {
                    patients.add(services.massageResourceIdForStorage(request, resource, resource.getIdElement()));
                }
            } else if (!definition.getSearchParamsForCompartmentName("Patient").isEmpty()) {
                for (IIdType owner : fhir.newTerser().getCompartmentOwnersForResource("Patient", resource, Set.of())) {
                    if (owner.hasIdPart() && (!owner.hasResourceType() || "Patient".equals(owner.getResourceType()))) {
                        patients.add("Patient/" + owner.getIdPart());
                    }
                }
            }
        }
        return patients;
    }
}
