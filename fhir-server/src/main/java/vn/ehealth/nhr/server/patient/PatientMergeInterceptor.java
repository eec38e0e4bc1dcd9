package vn.ehealth.nhr.server.patient;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.springframework.stereotype.Component;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.parser.DataFormatException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import vn.ehealth.nhr.profiles.RuleViolation;
import vn.ehealth.nhr.server.consent.Accessor;
import vn.ehealth.nhr.server.security.AccessContext;
import vn.ehealth.nhr.server.security.AccessContexts;
import vn.ehealth.nhr.server.security.ResourceKinds;
import vn.ehealth.nhr.server.validation.RequestLanguage;
import vn.ehealth.nhr.server.validation.WriteValidationOutcome;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@code Patient/$merge} is HAPI's operation (source and target by reference or identifier,
 * {@code result-patient}, {@code preview}, {@code delete-source}); this judges a request before
 * HAPI runs it, in the caller's language and always as an OperationOutcome (HAPI answers its own
 * refusals inside a Parameters resource): a missing source or target (400), the same record twice
 * and {@link PatientMergeRule the CCCD rule} (422). It also notes which two records are merged, for
 * the audit trail ({@link #MERGED}). Who may merge (administrators) is decided by the access rules.
 */
@Component
@Interceptor
public class PatientMergeInterceptor {

    /** Request user-data key: the {@link MergedPatients} of a judged {@code $merge}. */
    public static final String MERGED = PatientMergeInterceptor.class.getName() + ".merged";

    /** The two records of a merge, as {@code Patient/<id>}. */
    public record MergedPatients(String source, String target) {
    }

    private final DaoRegistry daos;
    private final FhirContext fhirContext;

    public PatientMergeInterceptor(DaoRegistry daos, FhirContext fhirContext) {
        this.daos = daos;
        this.fhirContext = fhirContext;
    }

    /** Late among the PRE_HANDLED hooks: sign-in and the administrators-only rule are judged first. */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = 1000)
    public void judge(RequestDetails request, RestOperationTypeEnum operation) {
        if (operation != RestOperationTypeEnum.EXTENDED_OPERATION_TYPE || !"Patient".equals(request.getResourceName())
                || !"merge".equals(ResourceKinds.operationName(request)) || !mayMerge(request)) {
            return;
        }
        Parameters parameters = body(request);
        if (parameters == null) {
            return; // HAPI answers what it cannot parse
        }
        if (!sent(parameters, "source")) {
            refuse(request, PatientMergeRule.missing("source"), "source-patient", false);
        }
        if (!sent(parameters, "target")) {
            refuse(request, PatientMergeRule.missing("target"), "target-patient", false);
        }
        Optional<Patient> source = resolve(parameters, "source");
        Optional<Patient> target = resolve(parameters, "target");
        if (source.isEmpty() || target.isEmpty()) {
            return; // not found, or several found: HAPI names the parameter
        }
        String sourceName = "Patient/" + source.get().getIdElement().getIdPart();
        String targetName = "Patient/" + target.get().getIdElement().getIdPart();
        if (sourceName.equals(targetName)) {
            refuse(request, PatientMergeRule.samePatient(sourceName), "target-patient", true);
        }
        Patient kept = parameters.getParameter("result-patient") != null
                && parameters.getParameter("result-patient").getResource() instanceof Patient result ? result : target.get();
        PatientMergeRule.checkCccd(source.get(), kept, sourceName, targetName).ifPresent(violation ->
                refuse(request, violation, kept == target.get() ? "source-patient" : "result-patient", true));
        boolean preview = parameters.getParameter("preview") != null && parameters.getParameter("preview").getValue() != null
                && "true".equals(parameters.getParameter("preview").getValue().primitiveValue());
        if (!preview) { // a preview changes nothing: no merge to audit
            request.getUserData().put(MERGED, new MergedPatients(sourceName, targetName));
        }
    }

    private static boolean mayMerge(RequestDetails request) {
        Optional<AccessContext> caller = AccessContexts.of(request);
        return caller.isEmpty() || caller.get().isSandbox() || caller.get().is(Accessor.Kind.ADMINISTRATOR);
    }

    private Parameters body(RequestDetails request) {
        if (request.getResource() instanceof Parameters parsed) {
            return parsed;
        }
        byte[] content = request.loadRequestContents();
        if (content == null || content.length == 0) {
            return new Parameters();
        }
        EncodingEnum encoding = EncodingEnum.forContentType(request.getHeader("Content-Type"));
        try {
            IBaseResource parsed = (encoding == null ? EncodingEnum.JSON : encoding).newParser(fhirContext)
                    .parseResource(new String(content, StandardCharsets.UTF_8));
            return parsed instanceof Parameters p ? p : null;
        } catch (DataFormatException e) {
            return null;
        }
    }

    private static boolean sent(Parameters parameters, String side) {
        return parameters.getParameter().stream().anyMatch(p -> p.getName() != null
                && (p.getName().equals(side + "-patient") || p.getName().equals(side + "-patient-identifier")));
    }

    /** The Patient a side names, read as the server; empty when it names none or several. */
    private Optional<Patient> resolve(Parameters parameters, String side) {
        try {
            Parameters.ParametersParameterComponent reference = parameters.getParameter(side + "-patient");
            if (reference != null && reference.getValue() instanceof Reference ref && ref.hasReference()) {
                IdType id = new IdType(ref.getReference());
                if (!id.hasIdPart() || (id.hasResourceType() && !"Patient".equals(id.getResourceType()))) {
                    return Optional.empty();
                }
                return Optional.of((Patient) daos.getResourceDao(Patient.class)
                        .read(new IdType("Patient", id.getIdPart()), new SystemRequestDetails()));
            }
            List<Identifier> identifiers = parameters.getParameters(side + "-patient-identifier").stream()
                    .map(Parameters.ParametersParameterComponent::getValue)
                    .filter(v -> v instanceof Identifier).map(v -> (Identifier) v).toList();
            if (identifiers.isEmpty()) {
                return Optional.empty();
            }
            SearchParameterMap map = SearchParameterMap.newSynchronous();
            identifiers.forEach(i -> map.add(Patient.SP_IDENTIFIER, new TokenParam(i.getSystem(), i.getValue())));
            List<IBaseResource> found = daos.getResourceDao(Patient.class).search(map, new SystemRequestDetails())
                    .getAllResources();
            return found.size() == 1 ? Optional.of((Patient) found.get(0)) : Optional.empty();
        } catch (BaseServerResponseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void refuse(RequestDetails request, RuleViolation violation, String parameter, boolean unprocessable) {
        OperationOutcome outcome = new OperationOutcome();
        WriteValidationOutcome.addIssue(outcome, violation, OperationOutcome.IssueSeverity.ERROR,
                unprocessable ? OperationOutcome.IssueType.BUSINESSRULE : OperationOutcome.IssueType.REQUIRED,
                RequestLanguage.of(request), "Parameters.parameter.where(name = '" + parameter + "')");
        String text = outcome.getIssueFirstRep().getDetails().getText();
        throw unprocessable ? new UnprocessableEntityException(text, outcome) : new InvalidRequestException(text, outcome);
    }
}
