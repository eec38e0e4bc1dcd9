package vn.ehealth.nhr.server.operations.everything;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.springframework.stereotype.Component;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.entity.SearchTypeEnum;
import ca.uhn.fhir.jpa.search.cache.ISearchCacheSvc;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Date;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationOutcome;
import vn.ehealth.nhr.ig.validation.GuideValidation;
import vn.ehealth.nhr.profiles.MessageLanguage;
import vn.ehealth.nhr.server.security.ResourceKinds;
import vn.ehealth.nhr.server.validation.RequestLanguage;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code Patient/$everything} with {@code _type} and {@code _since}, as FHIR defines them, on top of
 * HAPI's operation. HAPI 8.8 applies {@code _type} to the resources that point at the patient, but
 * in everything mode it always adds what those resources reference ({@code <type>:*}, iterated):
 * an Encounter brings its Conditions, Practitioners and Organizations back whatever {@code _type}
 * said. It knows only {@code _lastUpdated} ({@code _since} was silently ignored), and applies it only
 * to what it adds by reference. So:
 * <ul>
 * <li>{@code _since=<instant>} is handed to HAPI as {@code _lastUpdated=ge<instant>} (unless that
 * is sent too), before HAPI reads the operation's parameters, so HAPI stores it with the search;</li>
 * <li>what HAPI is about to show (the first page, and every later page, whose {@code _type} and
 * {@code _lastUpdated} are read back from the search HAPI stored) keeps only the listed types and
 * what changed since the lower bound, plus the Patient itself.</li>
 * </ul>
 * Without {@code _type}, the citizen's access log (AuditEvent) is left out of every page (ADR 19): every
 * read of a record adds to it, and the app reads it with {@code AuditEvent?patient=}. It is dropped from
 * the page, not from HAPI's query: handing HAPI a {@code _type} of every other type made the operation
 * about ten times slower (docs/BENCHMARKS.md, side by side at 1,700 citizens).
 * A {@code _type} naming no resource type, or a {@code _since} that is not an instant, is refused
 * with 400 ({@code nhr-everything-type-unknown}, {@code nhr-everything-since-invalid}). Registered
 * before the access rules and the audit, which then see only what is shown; the consent rules
 * still judge every resource of every page.
 */
@Component
@Interceptor
public class EverythingNarrowingInterceptor {

    static final String TYPE_UNKNOWN = "nhr-everything-type-unknown";
    static final String SINCE_INVALID = "nhr-everything-since-invalid";

    private static final int REMEMBERED_SEARCHES = 1000;
    private static final String ACCESS_LOG = "AuditEvent";

    private final FhirContext fhirContext;
    private final ISearchCacheSvc searches;
    /** What recent {@code $everything} searches asked for, so their pages need not look it up again. */
    private final Map<String, Narrowing> recentSearches = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Narrowing> eldest) {
            return size() > REMEMBERED_SEARCHES;
        }
    };

    public EverythingNarrowingInterceptor(FhirContext fhirContext, ISearchCacheSvc searches) {
        this.fhirContext = fhirContext;
        this.searches = searches;
    }

    /**
     * Hands {@code _since} to HAPI as {@code _lastUpdated=ge…}: before HAPI reads the operation's
     * parameters (it does so before the PRE_HANDLED hooks). A value that is not an instant is left
     * for {@link #check} to refuse.
     */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean sinceAsLastUpdated(RequestDetails request) {
        String since = single(request, "_since");
        if (since != null && isEverythingPath(request) && single(request, Constants.PARAM_LASTUPDATED) == null && isInstant(since)) {
            request.addParameter(Constants.PARAM_LASTUPDATED, new String[] {"ge" + since});
        }
        return true;
    }

    /** {@code Patient/[id]/$everything}, known from the path before HAPI has named the operation. */
    private static boolean isEverythingPath(RequestDetails request) {
        String path = request.getRequestPath();
        return ("Patient".equals(request.getResourceName()) && "everything".equals(ResourceKinds.operationName(request)))
                || (path != null && path.startsWith("Patient") && path.endsWith("$everything"));
    }

    private static boolean isInstant(String value) {
        try {
            return new InstantType(value).getValue() != null;
        } catch (DataFormatException | IllegalArgumentException e) {
            return false;
        }
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
            if (!isInstant(since)) {
                throw badRequest(request, SINCE_INVALID, "_since",
                        "_since '" + since + "' không phải một thời điểm (instant) có múi giờ, ví dụ 2026-11-26T08:00:00+07:00 "
                                + "(dấu + viết là %2B trong URL).",
                        "_since '" + since + "' is not an instant with a time zone, e.g. 2026-11-26T08:00:00+07:00 "
                                + "(encode + as %2B in the URL).");
            }
        }
    }

    /** Keeps, of a page about to be shown, what {@code _type} and {@code _since} asked for (and the Patient itself), never the access log unasked. */
    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    public void keepListedTypes(IPreResourceShowDetails details, RequestDetails request) {
        if (request == null || request.getRestOperationType() == null) {
            return;
        }
        Narrowing narrowing;
        if (isPatientEverything(request)) {
            narrowing = new Narrowing(types(request), request.getId() != null && request.getId().hasIdPart()
                    ? Set.of(request.getId().getIdPart()) : Set.of(), lowerBound(single(request, Constants.PARAM_LASTUPDATED)));
        } else if (request.getRestOperationType() == RestOperationTypeEnum.GET_PAGE
                && single(request, Constants.PARAM_PAGINGACTION) != null) {
            narrowing = storedNarrowing(single(request, Constants.PARAM_PAGINGACTION));
        } else {
            return;
        }
        if (narrowing == Narrowing.NOT_EVERYTHING) {
            return; // a page of an ordinary search (AuditEvent?patient= included): shown as HAPI found it
        }
        for (int i = 0; i < details.size(); i++) {
            IBaseResource resource = details.getResource(i);
            if (resource != null && !narrowing.keeps(resource)) {
                details.setResource(i, null);
            }
        }
    }

    /** What the {@code $everything} search a page belongs to asked for, from the search HAPI stored. */
    private Narrowing storedNarrowing(String searchId) {
        synchronized (recentSearches) {
            Narrowing known = recentSearches.get(searchId);
            if (known != null) {
                return known;
            }
        }
        Narrowing narrowing = searches.fetchByUuid(searchId, RequestPartitionId.allPartitions())
                .filter(s -> s.getSearchType() == SearchTypeEnum.EVERYTHING && "Patient".equals(s.getResourceType()))
                .map(s -> fromQueryString(s.getSearchQueryString()).since(s.getLastUpdatedLow()))
                .orElse(Narrowing.NOT_EVERYTHING);
        synchronized (recentSearches) {
            recentSearches.put(searchId, narrowing);
        }
        return narrowing;
    }

    /** {@code _type} and {@code _id} of HAPI's normalized query string ({@code ?_id=1&_type=Encounter%5C%2CCondition}). */
    static Narrowing fromQueryString(String query) {
        Set<String> types = new LinkedHashSet<>();
        Set<String> ids = new LinkedHashSet<>();
        if (query != null) {
            for (String pair : query.replaceFirst("^\\?", "").split("&")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).replace("\\", "");
                Set<String> into = Constants.PARAM_TYPE.equals(name) ? types : "_id".equals(name) ? ids : null;
                if (into != null) {
                    Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).forEach(into::add);
                }
            }
        }
        return new Narrowing(types, ids, null);
    }

    /** The types to keep (none: keep everything) and the Patients the operation is about. */
    record Narrowing(Set<String> types, Set<String> patientIds, Date since) {
        static final Narrowing NONE = new Narrowing(Set.of(), Set.of(), null);
        /** The page belongs to a search that is not a Patient {@code $everything}: nothing to narrow. */
        static final Narrowing NOT_EVERYTHING = new Narrowing(Set.of(), Set.of(), null);

        Narrowing since(Date lowerBound) {
            return new Narrowing(types, patientIds, lowerBound);
        }

        boolean keeps(IBaseResource resource) {
            String type = resource.fhirType();
            if ("Patient".equals(type) && (patientIds.isEmpty() || patientIds.contains(resource.getIdElement().getIdPart()))) {
                return true; // the record's own Patient, first, whatever was asked
            }
            Date updated = resource.getMeta() == null ? null : resource.getMeta().getLastUpdated();
            // without _type, everything but the access log (ADR 19)
            boolean listed = types.isEmpty() ? !ACCESS_LOG.equals(type) : types.contains(type);
            return listed && (since == null || updated == null || !updated.before(since));
        }
    }

    /**
     * The lower bound of a {@code _lastUpdated} value ({@code ge…}, {@code gt…}, {@code sa…}), or null.
     * HAPI 8.8 applies {@code _lastUpdated} only to what {@code $everything} adds by reference, not to
     * the resources that point at the patient: it is applied here to all of them.
     */
    static Date lowerBound(String lastUpdated) {
        if (lastUpdated == null) {
            return null;
        }
        try {
            DateParam bound = new DateParam(lastUpdated);
            return bound.getPrefix() == ParamPrefixEnum.GREATERTHAN_OR_EQUALS || bound.getPrefix() == ParamPrefixEnum.GREATERTHAN
                    || bound.getPrefix() == ParamPrefixEnum.STARTS_AFTER ? bound.getValue() : null;
        } catch (RuntimeException e) {
            return null; // HAPI answers a malformed _lastUpdated itself
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
