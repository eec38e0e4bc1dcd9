package vn.ehealth.nhr.server.operations.everything;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.springframework.stereotype.Component;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationOutcome;
import vn.ehealth.nhr.ig.validation.GuideValidation;
import vn.ehealth.nhr.profiles.MessageLanguage;
import vn.ehealth.nhr.server.security.ResourceKinds;
import vn.ehealth.nhr.server.validation.RequestLanguage;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code Patient/$everything} with {@code _type} and {@code _since}, as FHIR defines them, on top of
 * HAPI's operation. HAPI 8.8 applies {@code _type} to the resources that point at the patient but
 * then adds, recursively, everything those resources reference ({@code _include=*:iterate}): an
 * Encounter brings its Conditions, Practitioners and Organizations back whatever {@code _type}
 * said. And it knows only {@code _lastUpdated}: {@code _since} was silently ignored. So, before the
 * search is registered (its parameters are stored with it, so every page follows them):
 * <ul>
 * <li>with {@code _type}, the referenced resources are not added: only the listed types come back
 * (plus the Patient itself, which HAPI always returns first, so the app knows whose record it is);</li>
 * <li>{@code _since=<instant>} becomes {@code _lastUpdated=ge<instant>} (unless that is sent too).</li>
 * </ul>
 * A {@code _type} naming no resource type, or a {@code _since} that is not an instant, is refused
 * with 400 ({@code nhr-everything-type-unknown}, {@code nhr-everything-since-invalid}). The consent
 * rules still judge every resource of every page.
 */
@Component
@Interceptor
public class EverythingNarrowingInterceptor {

    static final String TYPE_UNKNOWN = "nhr-everything-type-unknown";
    static final String SINCE_INVALID = "nhr-everything-since-invalid";

    private final FhirContext fhirContext;

    public EverythingNarrowingInterceptor(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /** Checks the two parameters before HAPI runs the operation (late: sign-in and scopes first). */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = 1000)
    public void check(RequestDetails request, RestOperationTypeEnum operation) {
        if (!isPatientEverything(request)) {
            return;
        }
        Set<String> types = types(request);
        Set<String> known = fhirContext.getResourceTypes();
        for (String type : types) {
            if (!known.contains(type)) {
                throw badRequest(request, TYPE_UNKNOWN, "_type",
                        "_type '" + type + "' không phải loại tài nguyên FHIR R4 (ví dụ đúng: _type=Encounter,Condition).",
                        "_type '" + type + "' is not a FHIR R4 resource type (for example: _type=Encounter,Condition).");
            }
        }
        String since = single(request, "_since");
        if (since != null) {
            try {
                InstantType instant = new InstantType(since);
                if (instant.getValue() == null) {
                    throw new DataFormatException(since);
                }
            } catch (DataFormatException | IllegalArgumentException e) {
                throw badRequest(request, SINCE_INVALID, "_since",
                        "_since '" + since + "' không phải một thời điểm (instant) có múi giờ, ví dụ 2026-11-26T08:00:00+07:00 "
                                + "(dấu + viết là %2B trong URL).",
                        "_since '" + since + "' is not an instant with a time zone, e.g. 2026-11-26T08:00:00+07:00 "
                                + "(encode + as %2B in the URL).");
            }
        }
    }

    /** Narrows the search HAPI is about to register for the operation. */
    @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
    public void narrow(RequestDetails request, SearchParameterMap map) {
        if (request == null || map.getEverythingMode() == null || !isPatientEverything(request)) {
            return;
        }
        if (!types(request).isEmpty()) {
            map.setIncludes(new HashSet<>());
        }
        String since = single(request, "_since");
        if (since != null && map.getLastUpdated() == null) {
            map.setLastUpdated(new DateRangeParam(new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, new InstantType(since).getValue())));
        }
    }

    private static boolean isPatientEverything(RequestDetails request) {
        RestOperationTypeEnum op = request.getRestOperationType();
        return (op == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE || op == RestOperationTypeEnum.EXTENDED_OPERATION_TYPE)
                && "Patient".equals(request.getResourceName()) && "everything".equals(ResourceKinds.operationName(request));
    }

    /** Every type named by every {@code _type} parameter (comma-separated lists allowed). */
    static Set<String> types(RequestDetails request) {
        String[] values = request.getParameters() == null ? null : request.getParameters().get("_type");
        Set<String> types = new LinkedHashSet<>();
        if (values != null) {
            Arrays.stream(values).flatMap(v -> Arrays.stream(v.split(","))).map(String::strip)
                    .filter(s -> !s.isEmpty()).forEach(types::add);
        }
        return types;
    }

    private static String single(RequestDetails request, String name) {
        String[] values = request.getParameters() == null ? null : request.getParameters().get(name);
        return values == null || values.length == 0 || values[0].isBlank() ? null : values[0].strip();
    }

    private static InvalidRequestException badRequest(RequestDetails request, String rule, String parameter,
            String vietnamese, String english) {
        String text = RequestLanguage.of(request) == MessageLanguage.ENGLISH ? english : vietnamese;
        OperationOutcome outcome = new OperationOutcome();
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.INVALID)
                .setDiagnostics(english);
        issue.getDetails().setText(text).addCoding().setSystem(GuideValidation.RULE_SYSTEM).setCode(rule);
        issue.addExpression(parameter);
        return new InvalidRequestException(text, outcome);
    }
}
