package vn.ehealth.nhr.server.document;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import vn.ehealth.nhr.profiles.MessageLanguage;

import java.util.List;

/**
 * What became of each entry of a stored document, for the sender (returned with
 * {@code Prefer: return=OperationOutcome}): one information issue per entry, naming the resource
 * it is now stored as and whether an existing one was matched (the citizen by CCCD, the facility,
 * the practitioner); for a corrected paper, one more per entry of its earlier versions now retired.
 */
final class DocumentReceipt {

    private DocumentReceipt() {
    }

    static OperationOutcome of(Bundle document, DocumentTransaction.Built built, Bundle response, List<String> retired,
            MessageLanguage language) {
        boolean english = language == MessageLanguage.ENGLISH;
        OperationOutcome outcome = new OperationOutcome();
        for (int i = 0; i < document.getEntry().size() && i < response.getEntry().size(); i++) {
            String location = response.getEntry().get(i).getResponse().getLocation();
            if (location == null) {
                continue;
            }
            String stored = new IdType(location).toUnqualifiedVersionless().getValue();
            String status = response.getEntry().get(i).getResponse().getStatus();
            boolean matched = status != null && status.startsWith("200");
            String condition = built.conditions().get(i);
            String vi = "entry " + i + " (" + document.getEntry().get(i).getFullUrl() + ") → " + stored
                    + (matched ? " (đã có, khớp theo " + condition + ")" : " (tạo mới)");
            String en = "entry " + i + " (" + document.getEntry().get(i).getFullUrl() + ") → " + stored
                    + (matched ? " (already on file, matched on " + condition + ")" : " (created)");
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                    .setDiagnostics(en)
                    .addExpression("Bundle.entry[" + i + "]")
                    .getDetails().setText(english ? en : vi);
        }
        for (String entry : retired) {
            String vi = entry + " của bản trước của giấy này nay được đánh dấu entered-in-error (bản đính chính thay thế)";
            String en = entry + " of an earlier version of this paper is now marked entered-in-error (replaced by the correction)";
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.INFORMATIONAL).setDiagnostics(en).getDetails().setText(english ? en : vi);
        }
        return outcome;
    }
}
