package vn.ehealth.nhr.server.document;

import org.hl7.fhir.r4.model.Identifier;
import vn.ehealth.nhr.profiles.RuleViolation;

/** The discharge-document rules that need the server (not the guide's FHIRPath), in Vietnamese and English. */
final class DocumentRules {

    static final String IDENTIFIER_CONFLICT = "nhr-doc-identifier-conflict";
    static final String IMMUTABLE = "nhr-doc-immutable";
    static final String SEND_AS_DOCUMENT = "nhr-doc-send-as-document";

    private DocumentRules() {
    }

    static RuleViolation unresolved(DocumentReferences.Link link, String type) {
        String ref = link.reference().getReference();
        return new RuleViolation(DocumentReferences.RULE,
                type + " (entry " + link.entry() + ") tham chiếu \"" + ref + "\" tại " + link.path()
                        + " nhưng tài liệu không có entry nào có fullUrl tương ứng; mọi tài nguyên mà tài liệu tham chiếu "
                        + "phải nằm trong tài liệu (fullUrl đúng bằng tham chiếu, hoặc kết thúc bằng Loại/id). Không lưu gì.",
                type + " (entry " + link.entry() + ") references \"" + ref + "\" at " + link.path()
                        + " but no entry of the document has a matching fullUrl; every resource a document references "
                        + "must be inside it (fullUrl equal to the reference, or ending with Type/id). Nothing was stored.");
    }

    static RuleViolation identifierConflict(Identifier identifier, String storedId) {
        String id = identifier.getSystem() + "|" + identifier.getValue();
        String where = storedId == null ? "" : " (Bundle/" + storedId + ")";
        return new RuleViolation(IDENTIFIER_CONFLICT,
                "Đã lưu một tài liệu khác có cùng định danh Bundle.identifier " + id + where
                        + ". Tài liệu đã lưu không thay đổi được: gửi giấy ra viện đã sửa như một tài liệu mới (Bundle.identifier mới; "
                        + "Composition giữ nguyên identifier, status = amended).",
                "Another document with the same Bundle.identifier " + id + where
                        + " is already stored. A stored document never changes: send the corrected discharge paper as a new "
                        + "document (a new Bundle.identifier; the Composition keeps its identifier, with status = amended).");
    }

    static RuleViolation immutable(String bundleId) {
        return new RuleViolation(IMMUTABLE,
                "Bundle/" + bundleId + " đã lưu một tài liệu; tài liệu không được ghi đè. Gửi phiên bản mới như một tài liệu mới.",
                "Bundle/" + bundleId + " already holds a document; documents are never overwritten. Send the new version "
                        + "as a new document.");
    }

    static RuleViolation sendAsDocument() {
        return new RuleViolation(SEND_AS_DOCUMENT,
                "Tài liệu (Bundle type = document) phải gửi riêng bằng POST /Bundle (hoặc PUT /Bundle/{id}) để máy chủ lưu "
                        + "cả tài liệu lẫn từng mục của nó trong một giao dịch; không gửi trong transaction/batch.",
                "A document (Bundle type = document) must be sent on its own with POST /Bundle (or PUT /Bundle/{id}) so the "
                        + "server stores the document and each of its entries in one transaction; not inside a transaction/batch.");
    }
}
