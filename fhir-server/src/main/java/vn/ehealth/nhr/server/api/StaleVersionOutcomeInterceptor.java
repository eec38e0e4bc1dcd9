package vn.ehealth.nhr.server.api;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.springframework.stereotype.Component;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import vn.ehealth.nhr.ig.validation.GuideValidation;
import vn.ehealth.nhr.profiles.MessageLanguage;
import vn.ehealth.nhr.server.validation.RequestLanguage;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule {@code nhr-api-stale-version}: an update whose {@code If-Match} names a version that is no
 * longer the current one (someone changed the record since the vendor read it). HAPI refuses it
 * with 409 and "Trying to update … but this is not the current version"; FHIR answers a failed
 * {@code If-Match} with 412 Precondition Failed, and the vendor needs to know what to do: the
 * answer names the version sent and the current one, and says to read the record again, apply the
 * change to it and send it with the new {@code If-Match}. Vietnamese, or English on request.
 */
@Component
@Interceptor
public class StaleVersionOutcomeInterceptor {

    static final String RULE = "nhr-api-stale-version";
    private static final Pattern STALE = Pattern.compile("Trying to update ([A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})/_history/(\\S+) but this is not the current version");

    private final DaoRegistry daos;

    public StaleVersionOutcomeInterceptor(DaoRegistry daos) {
        this.daos = daos;
    }

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException explain(RequestDetails request, Throwable exception) {
        if (!(exception instanceof ResourceVersionConflictException conflict) || conflict.getMessage() == null) {
            return null;
        }
        Matcher stale = STALE.matcher(conflict.getMessage());
        if (!stale.find()) {
            return null;
        }
        String resource = stale.group(1) + "/" + stale.group(2);
        String sent = stale.group(3);
        String current = currentVersion(stale.group(1), stale.group(2));
        String vietnamese = "Phiên bản " + sent + " mà bạn gửi trong If-Match không còn là phiên bản hiện hành của " + resource
                + (current == null ? "" : " (hiện hành: " + current + ")")
                + ": hồ sơ đã được sửa sau khi bạn đọc. Hãy đọc lại (GET " + resource + "), áp dụng thay đổi của bạn lên bản mới"
                + " rồi gửi lại với If-Match: W/\"" + (current == null ? "<versionId mới>" : current) + "\".";
        String english = "Version " + sent + " sent in If-Match is no longer the current version of " + resource
                + (current == null ? "" : " (current: " + current + ")")
                + ": the record was changed after you read it. Read it again (GET " + resource + "), apply your change to"
                + " that version and send it with If-Match: W/\"" + (current == null ? "<new versionId>" : current) + "\".";
        String text = RequestLanguage.of(request) == MessageLanguage.ENGLISH ? english : vietnamese;
        OperationOutcome outcome = new OperationOutcome();
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.CONFLICT)
                .setDiagnostics(english);
        issue.getDetails().setText(text).addCoding().setSystem(GuideValidation.RULE_SYSTEM).setCode(RULE);
        issue.addExpression(stale.group(1) + ".meta.versionId");
        return new PreconditionFailedException(text, outcome);
    }

    /** The record's current version, read as the server (the caller is updating it, so may know it). */
    private String currentVersion(String type, String id) {
        try {
            return daos.getResourceDao(type).read(new IdType(type, id), new SystemRequestDetails())
                    .getIdElement().getVersionIdPart();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
