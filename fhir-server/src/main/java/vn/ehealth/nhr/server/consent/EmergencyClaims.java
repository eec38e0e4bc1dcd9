package vn.ehealth.nhr.server.consent;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import vn.ehealth.nhr.server.security.AccessContext;
import vn.ehealth.nhr.server.security.AccessContexts;
import vn.ehealth.nhr.server.security.AccessRefusal;

/**
 * Break the glass (issue 5, rule 6) is for clinicians treating an emergency, and must say why:
 * any other caller declaring {@code ETREAT}, or a clinician without a justification, is refused
 * before anything is read, and the refusal is audited like every other.
 */
final class EmergencyClaims {

    private EmergencyClaims() {
    }

    static void check(RequestDetails request, AccessContext caller) {
        if (caller.purposeOfUse() == null) {
            return;
        }
        if (!caller.claimsEmergency()) {
            throw AccessRefusal.forbidden(request, "nhr-access-purpose-of-use-unknown",
                    "Mục đích sử dụng '" + caller.purposeOfUse() + "' không được hỗ trợ; chỉ có ETREAT (cấp cứu, truy cập khẩn cấp).",
                    "Purpose of use '" + caller.purposeOfUse() + "' is not supported; only ETREAT (emergency access) is.");
        }
        if (!caller.is(Accessor.Kind.PRACTITIONER)) {
            throw AccessRefusal.forbidden(request, ConsentDecision.Basis.BREAK_THE_GLASS_NOT_ALLOWED.key(),
                    "Chỉ người hành nghề khám bệnh, chữa bệnh (token có practitioner_licence) được truy cập khẩn cấp "
                            + "(ETREAT); yêu cầu bị từ chối và đã ghi nhật ký.",
                    "Only a practitioner (token with practitioner_licence) may use emergency access (ETREAT); the "
                            + "request is refused and audited.");
        }
        if (caller.emergencyJustification() == null || caller.emergencyJustification().isBlank()) {
            throw AccessRefusal.forbidden(request, "nhr-access-emergency-justification-missing",
                    "Truy cập khẩn cấp (ETREAT) phải kèm lý do trong tiêu đề " + AccessContexts.JUSTIFICATION_HEADER
                            + " (UTF-8, mã hoá phần trăm); công dân sẽ thấy lý do này trong nhật ký truy cập.",
                    "Emergency access (ETREAT) needs a justification in the " + AccessContexts.JUSTIFICATION_HEADER
                            + " header (percent-encoded UTF-8); the citizen sees it in their access log.");
        }
    }
}
