package vn.ehealth.nhr.server.consent;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOperationStatusEnum;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOutcome;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentContextServices;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentService;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import vn.ehealth.nhr.server.security.AccessContext;
import vn.ehealth.nhr.server.security.AccessContexts;
import vn.ehealth.nhr.server.security.AccessRefusal;
import vn.ehealth.nhr.server.security.InteractionRequirement;
import vn.ehealth.nhr.server.security.ResourceKinds;
import vn.ehealth.nhr.server.security.RestOperationInteractions;
import vn.ehealth.nhr.server.security.ScopeDecision;

import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The citizen's consent rules and the SMART scopes, plugged into HAPI's {@code ConsentInterceptor}:
 * HAPI calls it for every resource it is about to return (reads, searches, {@code _include},
 * pages, history, {@code $everything}, transaction reads), before anything reaches the caller, and
 * clears search totals so hidden resources are not even counted.
 *
 * <ul>
 * <li>{@link #startOperation}: who may ask at all (sign-in, role, scopes, break-the-glass claims,
 * a citizen naming someone else's record). Administrators and the sandbox skip the per-resource rules.</li>
 * <li>{@link #canSeeResource}: {@link RecordAccessRules} per resource; refused resources vanish from
 * searches, and a direct read of one answers 403 saying consent is needed and how to get it.</li>
 * <li>{@link #willSeeResource}: what analysts receive is de-identified; for everyone else the response
 * goes out as judged, without HAPI walking it again.</li>
 * </ul>
 */
public class RecordAccessConsentService implements IConsentService {

    /** Marks a copy already de-identified, so HAPI's second look at the response does not pseudonymise it twice. */
    static final String DEIDENTIFIED = RecordAccessConsentService.class.getName() + ".deidentified";

    private final RecordAccessRules rules;
    private final UnaryOperator<IBaseResource> deidentifier;
    private final FhirContext fhirContext;

    public RecordAccessConsentService(RecordAccessRules rules, UnaryOperator<IBaseResource> deidentifier,
            FhirContext fhirContext) {
        this.rules = rules;
        this.deidentifier = deidentifier;
        this.fhirContext = fhirContext;
    }

    @Override
    public ConsentOutcome startOperation(RequestDetails request, IConsentContextServices services) {
        AccessContext caller = AccessContexts.of(request).orElse(null);
        if (caller == null || caller.isSandbox()) {
            return ConsentOutcome.AUTHORIZED; // internal work, or the open sandbox
        }
        RestOperationTypeEnum op = request.getRestOperationType();
        if (op == RestOperationTypeEnum.METADATA) {
            return ConsentOutcome.PROCEED;
        }
        boolean catalogueRead = ResourceKinds.isCatalogueRead(request);
        if (caller.isAnonymous()) {
            if (catalogueRead || op == RestOperationTypeEnum.GET_PAGE) {
                return ConsentOutcome.PROCEED; // pages are filtered to catalogue entries by canSeeResource
            }
            throw AccessRefusal.loginRequired(request);
        }
        if (caller.accessor() == null) {
            throw AccessRefusal.forbidden(request, "nhr-access-no-role",
                    "Mã truy cập không mang vai trò nào máy chủ biết (citizen, clinician, emr-system, facility-staff, "
                            + "analyst, admin) cùng các thuộc tính bắt buộc của vai trò (cccd, facility_code, practitioner_licence).",
                    "The token carries no role this server knows (citizen, clinician, emr-system, facility-staff, analyst, "
                            + "admin) with that role's required claims (cccd, facility_code, practitioner_licence).");
        }
        EmergencyClaims.check(request, caller);
        boolean administrator = caller.is(Accessor.Kind.ADMINISTRATOR);
        String operation = ResourceKinds.operationName(request);
        if ((ResourceKinds.ADMINISTRATOR_OPERATIONS.contains(operation) || op == RestOperationTypeEnum.UPDATE_REWRITE_HISTORY)
                && !administrator) {
            throw AccessRefusal.forbidden(request, "nhr-access-administrators-only",
                    "Chỉ quản trị viên được chạy thao tác này (" + (operation.isEmpty() ? op.getCode() : "$" + operation) + ").",
                    "Only administrators may run this operation (" + (operation.isEmpty() ? op.getCode() : "$" + operation) + ").");
        }
        if (!catalogueRead) {
            checkScopes(request, caller, op, operation);
        }
        if (caller.is(Accessor.Kind.CITIZEN)) {
            rules.checkCitizenQuery(request, caller);
        }
        return administrator ? ConsentOutcome.AUTHORIZED : ConsentOutcome.PROCEED;
    }

    private static void checkScopes(RequestDetails request, AccessContext caller, RestOperationTypeEnum op, String operation) {
        InteractionRequirement required = RestOperationInteractions.required(op, operation);
        switch (required.kind()) {
            case NO_SCOPE, PER_ENTRY -> {
                return; // transaction entries are judged one by one, as reads and writes
            }
            case UNMAPPED -> {
                if (!caller.is(Accessor.Kind.ADMINISTRATOR)) {
                    throw AccessRefusal.forbidden(request, ScopeDecision.RULE,
                            "Thao tác $" + operation + " chưa được phân loại quyền nên bị từ chối.",
                            "Operation $" + operation + " has no scope classification yet and is refused.");
                }
                return;
            }
            case ALL_OF -> {
                String type = request.getResourceName();
                if (!required.metBy(caller.scopes(), caller.scopeContext(), type)) {
                    String needed = caller.scopeContext().prefix() + "/" + (type == null ? "*" : type) + "."
                            + required.interactions().stream().sorted().map(i -> String.valueOf(i.letter())).reduce("", String::concat);
                    throw AccessRefusal.forbidden(request, ScopeDecision.RULE,
                            "Mã truy cập thiếu phạm vi (scope) SMART cho thao tác này: cần " + needed + "; mã có: "
                                    + caller.scopes() + ".",
                            "The token lacks the SMART scope for this interaction: it needs " + needed + "; it has: "
                                    + caller.scopes() + ".");
                }
            }
        }
    }

    @Override
    public ConsentOutcome canSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices services) {
        AccessContext caller = AccessContexts.of(request).orElse(null);
        if (caller == null || caller.isSandbox() || resource == null) {
            return ConsentOutcome.PROCEED;
        }
        RecordAccessRules.Verdict verdict = rules.judge(request, caller, resource);
        if (verdict.permitted()) {
            return ConsentOutcome.PROCEED;
        }
        if (isDirectTarget(request, resource)) {
            AccessRefusal.concerning(request, rules.owners(resource));
            throw AccessRefusal.forbidden(request, verdict.rule(), verdict.vietnamese(), verdict.english());
        }
        return ConsentOutcome.REJECT;
    }

    @Override
    public ConsentOutcome willSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices services) {
        AccessContext caller = AccessContexts.of(request).orElse(null);
        if (caller == null || !caller.is(Accessor.Kind.ANALYST)) {
            // Nothing to change for anyone but analysts (canSeeResource has already judged every resource):
            // AUTHORIZED spares HAPI its walk through every element of the response looking for nested resources.
            return ConsentOutcome.AUTHORIZED;
        }
        if (resource == null || resource.getUserData(DEIDENTIFIED) != null) {
            return ConsentOutcome.PROCEED;
        }
        String type = fhirContext.getResourceType(resource);
        if (ResourceKinds.DEFINITIONS.contains(type) || ResourceKinds.DIRECTORY.contains(type)
                || "OperationOutcome".equals(type) || isSearchResultBundle(resource)) {
            return ConsentOutcome.PROCEED;
        }
        IBaseResource copy = deidentifier.apply(resource);
        copy.setUserData(DEIDENTIFIED, Boolean.TRUE);
        return new ConsentOutcome(ConsentOperationStatusEnum.PROCEED, copy);
    }

    /** searchset/history Bundles are containers built by the server: their entries are judged one by one. */
    private static boolean isSearchResultBundle(IBaseResource resource) {
        return resource instanceof org.hl7.fhir.r4.model.Bundle b && b.getType() != null
                && Set.of("searchset", "history", "batch-response", "transaction-response").contains(b.getType().toCode());
    }

    /** The resource the request names by id (read, vread, instance history, instance operation). */
    private static boolean isDirectTarget(RequestDetails request, IBaseResource resource) {
        IIdType target = request.getId();
        RestOperationTypeEnum op = request.getRestOperationType();
        if (target == null || !target.hasIdPart() || op == null) {
            return false;
        }
        boolean instanceLevel = switch (op) {
            case READ, VREAD, HISTORY_INSTANCE, EXTENDED_OPERATION_INSTANCE, META -> true;
            default -> false;
        };
        return instanceLevel && target.getIdPart().equals(resource.getIdElement().getIdPart())
                && (request.getResourceName() == null || request.getResourceName().equals(resource.getIdElement().getResourceType())
                || resource.getIdElement().getResourceType() == null);
    }
}
