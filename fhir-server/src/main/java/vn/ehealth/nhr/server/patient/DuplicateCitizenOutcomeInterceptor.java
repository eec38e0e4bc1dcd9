package vn.ehealth.nhr.server.patient;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;
import vn.ehealth.nhr.ig.validation.GuideValidation;
import vn.ehealth.nhr.profiles.MessageLanguage;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule {@code nhr-pat-cccd-unique}: one Patient per citizen. The database refuses a second Patient
 * with a CCCD already on file (the guide's unique search parameter); this turns HAPI's technical
 * 409 into a message a vendor can act on, naming the existing record, in Vietnamese or English.
 */
@Component
@Interceptor
public class DuplicateCitizenOutcomeInterceptor {

    static final String RULE = "nhr-pat-cccd-unique";
    private static final String UNIQUE_PARAMETER = "SearchParameter/vn-nhr-patient-cccd-unique";
    private static final Pattern EXISTING = Pattern.compile("existing index belongs to (Patient/[A-Za-z0-9\\-.]+)");
    private static final Pattern CCCD = Pattern.compile("cccd=([^ )]+)");

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException explain(RequestDetails request, Throwable exception) {
        if (!(exception instanceof ResourceVersionConflictException conflict) || conflict.getMessage() == null
                || !conflict.getMessage().contains(UNIQUE_PARAMETER)) {
            return null;
        }
        Matcher existing = EXISTING.matcher(conflict.getMessage());
        Matcher cccd = CCCD.matcher(conflict.getMessage());
        String existingId = existing.find() ? existing.group(1) : "?";
        String number = cccd.find() ? lastPart(URLDecoder.decode(cccd.group(1), StandardCharsets.UTF_8)) : "?";
        String vietnamese = "Công dân có số CCCD " + number + " đã có hồ sơ " + existingId
                + ": mỗi công dân chỉ có một hồ sơ. Hãy cập nhật hồ sơ đó (PUT " + existingId
                + ") hoặc tạo có điều kiện (If-None-Exist: identifier=…|" + number + ") thay vì tạo hồ sơ mới.";
        String english = "The citizen with CCCD " + number + " already has record " + existingId
                + ": one record per citizen. Update that record (PUT " + existingId
                + ") or use a conditional create (If-None-Exist: identifier=…|" + number + ") instead of creating another.";
        MessageLanguage language = MessageLanguage.fromAcceptLanguage(request == null ? null : request.getHeader("Accept-Language"));
        OperationOutcome outcome = new OperationOutcome();
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.DUPLICATE)
                .setDiagnostics(english);
        issue.getDetails().setText(language == MessageLanguage.ENGLISH ? english : vietnamese)
                .addCoding().setSystem(GuideValidation.RULE_SYSTEM).setCode(RULE);
        issue.addExpression("Patient.identifier");
        return new ResourceVersionConflictException(language == MessageLanguage.ENGLISH ? english : vietnamese, outcome);
    }

    private static String lastPart(String token) {
        int bar = token.lastIndexOf('|');
        return bar < 0 ? token : token.substring(bar + 1);
    }
}
