package vn.ehealth.nhr.server.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;
import vn.ehealth.nhr.profiles.MessageLanguage;

/**
 * The answer to a refused request: 401 (no or unusable sign-in) or 403 (signed in, not allowed),
 * with an OperationOutcome whose issue names the rule ({@link #RULE_SYSTEM} code, stable for
 * vendors' code) and explains it in Vietnamese, or in English when the caller asks
 * ({@code Accept-Language: en}), with what to do about it.
 */
public final class AccessRefusal {

    /** Code system of the access rules' keys (issue details), beside the guide's validation rules. */
    public static final String RULE_SYSTEM = "http://fhir.ehealth.gov.vn/nhr/CodeSystem/access-rule";

    private AccessRefusal() {
    }

    /** 401: sign in first. */
    public static AuthenticationException loginRequired(RequestDetails request) {
        String text = text(request,
                "Cần đăng nhập: yêu cầu này phải kèm mã truy cập (access token) của realm NHR trong tiêu đề "
                        + "'Authorization: Bearer'. Không cần đăng nhập chỉ có: /metadata, "
                        + "/.well-known/smart-configuration, /ig/ và tra cứu danh mục (CodeSystem, ValueSet, ConceptMap, "
                        + "$lookup, $validate-code, $expand, $translate).",
                "Sign-in required: send an access token of the NHR realm in 'Authorization: Bearer'. Without one, "
                        + "only /metadata, /.well-known/smart-configuration, /ig/ and the catalogues (CodeSystem, "
                        + "ValueSet, ConceptMap, $lookup, $validate-code, $expand, $translate) are served.");
        AuthenticationException e = new AuthenticationException(text);
        e.setOperationOutcome(outcome(OperationOutcome.IssueType.LOGIN, "nhr-access-login-required", text));
        e.addResponseHeader("WWW-Authenticate", "Bearer realm=\"nhr\"");
        return e;
    }

    /** 403 with a rule key and its bilingual explanation. */
    public static ForbiddenOperationException forbidden(RequestDetails request, String rule, String vietnamese, String english) {
        String text = text(request, vietnamese, english);
        return new ForbiddenOperationException(text,
                outcome(OperationOutcome.IssueType.FORBIDDEN, rule, text));
    }

    private static final String PATIENTS_CONCERNED = AccessRefusal.class.getName() + ".patients";

    /**
     * Notes, before refusing, whose record ({@code Patient/<id>}) the refused resource belongs to, so
     * the audit of the refusal appears in that citizen's access log.
     */
    public static void concerning(RequestDetails request, java.util.Collection<String> patientIds) {
        if (request != null) {
            request.getUserData().put(PATIENTS_CONCERNED,
                    patientIds.stream().map(id -> "Patient/" + id).collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)));
        }
    }

    /** The records noted by {@link #concerning}, as {@code Patient/<id>}. */
    @SuppressWarnings("unchecked")
    public static java.util.Set<String> patientsConcerned(RequestDetails request) {
        Object value = request == null ? null : request.getUserData().get(PATIENTS_CONCERNED);
        return value instanceof java.util.Set<?> set ? (java.util.Set<String>) set : java.util.Set.of();
    }

    /** The rule key of a refusal this class built, or null. */
    public static String ruleOf(BaseServerResponseException e) {
        if (e.getOperationOutcome() instanceof OperationOutcome oo && oo.hasIssue()) {
            return oo.getIssueFirstRep().getDetails().getCoding().stream()
                    .filter(c -> RULE_SYSTEM.equals(c.getSystem())).map(c -> c.getCode()).findFirst().orElse(null);
        }
        return null;
    }

    public static boolean english(RequestDetails request) {
        return request != null
                && MessageLanguage.fromAcceptLanguage(request.getHeader("Accept-Language")) == MessageLanguage.ENGLISH;
    }

    private static String text(RequestDetails request, String vietnamese, String english) {
        return english(request) ? english : vietnamese;
    }

    private static OperationOutcome outcome(OperationOutcome.IssueType type, String rule, String text) {
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(type)
                .setDetails(new CodeableConcept().setText(text).addCoding(
                        new org.hl7.fhir.r4.model.Coding(RULE_SYSTEM, rule, null)))
                .setDiagnostics(text);
        return oo;
    }
}
