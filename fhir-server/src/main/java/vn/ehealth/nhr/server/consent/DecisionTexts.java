package vn.ehealth.nhr.server.consent;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import vn.ehealth.nhr.server.consent.ConsentDecision.Basis;
import vn.ehealth.nhr.server.consent.DataCategoryCatalogue.ResourceCategories;
import vn.ehealth.nhr.server.consent.ProvisionEvaluator.Match;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The bilingual reasons of {@link ConsentDecision}s, written for the citizen who reads their access
 * log: every decision taken by a Consent names the Consent, the provision and what it says.
 */
final class DecisionTexts {

    private final FhirContext fhirContext;
    private final DataCategoryCatalogue catalogue;

    DecisionTexts(FhirContext fhirContext, DataCategoryCatalogue catalogue) {
        this.fhirContext = fhirContext;
        this.catalogue = catalogue;
    }

    ConsentDecision ownRecord(IBaseResource r) {
        return ConsentDecision.permit(Basis.OWN_RECORD, null, null,
                "Công dân xem hồ sơ sức khỏe của chính mình (" + label(r) + ").",
                "The citizen reads their own health record (" + label(r) + ").");
    }

    ConsentDecision notOwnRecord(Accessor a) {
        return ConsentDecision.deny(Basis.NOT_OWN_RECORD, null, null,
                a.vietnamese() + " không phải chủ hồ sơ này; công dân chỉ được xem hồ sơ của chính mình.",
                a.english() + " does not own this record; a citizen may only read their own record.");
    }

    ConsentDecision administrator(IBaseResource r) {
        return ConsentDecision.permit(Basis.ADMINISTRATOR, null, null,
                "Quản trị viên xem " + label(r) + "; mọi lần xem của quản trị viên đều được ghi nhật ký.",
                "An administrator reads " + label(r) + "; every administrator read is audited.");
    }

    ConsentDecision analyst(IBaseResource r) {
        return ConsentDecision.permit(Basis.ANALYST, null, null,
                "Người phân tích dữ liệu nhận " + label(r) + " đã được khử định danh.",
                "A data analyst receives " + label(r) + " de-identified.");
    }

    ConsentDecision authoredBy(Accessor a, IBaseResource r) {
        return ConsentDecision.permit(Basis.AUTHORED_BY_FACILITY, null, null,
                label(r) + " do cơ sở KBCB " + a.facilityCode() + " tạo ra (meta.source); cơ sở luôn xem được dữ liệu mình tạo ("
                        + a.vietnamese() + ").",
                label(r) + " was written by facility " + a.facilityCode() + " (meta.source); a facility always reads what it wrote ("
                        + a.english() + ").");
    }

    ConsentDecision consentPermit(Match m, Accessor a, IBaseResource r) {
        return ConsentDecision.permit(Basis.CONSENT_PERMIT, m.consentId(), m.path(),
                "Cho phép theo đồng ý " + where(m) + ": công dân cho phép " + actorsVi(m) + " xem "
                        + categoriesVi(m) + ", thời hạn " + ConsentPeriods.describe(period(m)) + " (" + a.vietnamese()
                        + " xem " + label(r) + ").",
                "Permitted by consent " + where(m) + ": the citizen permits " + actorsEn(m) + " to read "
                        + categoriesEn(m) + ", period " + ConsentPeriods.describe(period(m)) + " (" + a.english()
                        + " reads " + label(r) + ").");
    }

    ConsentDecision consentDeny(Match m, Accessor a, IBaseResource r) {
        return ConsentDecision.deny(Basis.CONSENT_DENY, m.consentId(), m.path(),
                "Từ chối theo đồng ý " + where(m) + ": công dân không cho " + actorsVi(m) + " xem "
                        + categoriesVi(m) + " (" + a.vietnamese() + " yêu cầu " + label(r) + ").",
                "Denied by consent " + where(m) + ": the citizen refuses " + actorsEn(m) + " access to "
                        + categoriesEn(m) + " (" + a.english() + " asked for " + label(r) + ").");
    }

    ConsentDecision sensitiveNotExplicit(Match m, ResourceCategories c, IBaseResource r) {
        return ConsentDecision.deny(Basis.SENSITIVE_NOT_EXPLICITLY_PERMITTED, m.consentId(), m.path(),
                label(r) + " là dữ liệu nhạy cảm (" + namesVi(c.sensitive()) + ", ICD-10 " + c.icd10Codes()
                        + "); đồng ý " + where(m) + " cho phép " + categoriesVi(m)
                        + " nhưng không nêu rõ nhóm nhạy cảm này, nên không được chia sẻ.",
                label(r) + " is sensitive data (" + namesEn(c.sensitive()) + ", ICD-10 " + c.icd10Codes()
                        + "); consent " + where(m) + " permits " + categoriesEn(m)
                        + " but does not name this sensitive category, so it is not shared.");
    }

    ConsentDecision noApplicableConsent(Accessor a, IBaseResource r, ResourceCategories c, List<Note> considered) {
        String notesVi = considered.isEmpty() ? "" : " Đã xét: " + String.join(" ", considered.stream().map(Note::vietnamese).toList());
        String notesEn = considered.isEmpty() ? "" : " Considered: " + String.join(" ", considered.stream().map(Note::english).toList());
        List<String> cats = c.categories().stream().filter(x -> !x.equals(DataCategoryCatalogue.ALL)).toList();
        return ConsentDecision.deny(Basis.NO_APPLICABLE_CONSENT, null, null,
                "Không có đồng ý đang hiệu lực nào của công dân cho phép " + a.vietnamese() + " xem " + label(r)
                        + " (nhóm dữ liệu: " + (cats.isEmpty() ? "toàn bộ hồ sơ" : namesVi(cats)) + "); công dân quyết định việc chia sẻ."
                        + notesVi,
                "No consent of the citizen in force permits " + a.english() + " to read " + label(r)
                        + " (data categories: " + (cats.isEmpty() ? "whole record" : namesEn(cats)) + "); the citizen decides who may."
                        + notesEn);
    }

    ConsentDecision breakTheGlass(Accessor a, IBaseResource r, ConsentDecision overridden, String justification) {
        return new ConsentDecision(ConsentDecision.Outcome.PERMIT, Basis.BREAK_THE_GLASS, overridden.consentId(),
                overridden.provision(),
                "Truy cập khẩn cấp (phá kính) của " + a.vietnamese() + " vào " + label(r) + ", lý do: \"" + justification
                        + "\". Không có truy cập khẩn cấp thì: " + overridden.vietnamese(),
                "Emergency access (break the glass) by " + a.english() + " to " + label(r) + ", justification: \""
                        + justification + "\". Without it: " + overridden.english(),
                justification, null);
    }

    ConsentDecision breakTheGlassNotAllowed(Accessor a) {
        return ConsentDecision.deny(Basis.BREAK_THE_GLASS_NOT_ALLOWED, null, null,
                "Chỉ người hành nghề khám bệnh, chữa bệnh mới được truy cập khẩn cấp (phá kính); " + a.vietnamese() + " thì không.",
                "Only a clinician may use emergency access (break the glass); " + a.english() + " may not.");
    }

    /** Why one Consent did not decide, in both languages. */
    record Note(String vietnamese, String english) {
    }

    Note skipped(Consent c, String vi, String en) {
        return new Note("[" + id(c) + ": " + vi + "]", "[" + id(c) + ": " + en + "]");
    }

    Note notCovering(Consent c, Instant at) {
        if (c.hasProvision() && !ConsentPeriods.covers(c.getProvision().getPeriod(), at)) {
            String period = ConsentPeriods.describe(c.getProvision().getPeriod());
            return skipped(c, "ngoài thời hạn " + period, "outside its period " + period);
        }
        return skipped(c, "không áp dụng cho bên truy cập hoặc nhóm dữ liệu này",
                "does not cover this accessor or data category");
    }

    private String where(Match m) {
        String date = m.consent().hasDateTimeElement() ? m.consent().getDateTimeElement().getValueAsString().substring(0, 10) : "?";
        return m.consentId() + " (" + date + "), " + m.path() + " [" + m.provision().getType().toCode() + "]";
    }

    private static org.hl7.fhir.r4.model.Period period(Match m) {
        for (int i = m.chain().size() - 1; i >= 0; i--) {
            if (m.chain().get(i).hasPeriod()) {
                return m.chain().get(i).getPeriod();
            }
        }
        return null;
    }

    /** The categories of the deciding provision, else of the nearest ancestor naming some. */
    private static List<String> codes(Match m) {
        for (int i = m.chain().size() - 1; i >= 0; i--) {
            List<String> codes = ProvisionEvaluator.categoryCodes(m.chain().get(i));
            if (!codes.isEmpty()) {
                return codes;
            }
        }
        return List.of(DataCategoryCatalogue.ALL);
    }

    private String categoriesVi(Match m) {
        return "nhóm dữ liệu " + namesVi(codes(m));
    }

    private String categoriesEn(Match m) {
        return "data category " + namesEn(codes(m));
    }

    private String namesVi(Collection<String> codes) {
        List<String> out = new ArrayList<>();
        for (String code : codes) {
            DataCategory c = catalogue.category(code);
            out.add(c == null ? code : c.vietnamese() + " (" + code + ")");
        }
        return String.join(", ", out);
    }

    private String namesEn(Collection<String> codes) {
        List<String> out = new ArrayList<>();
        for (String code : codes) {
            DataCategory c = catalogue.category(code);
            out.add(c == null ? code : c.english() + " (" + code + ")");
        }
        return String.join(", ", out);
    }

    /** The actors of the deciding provision, else of the nearest ancestor naming some. */
    private static String actorsVi(Match m) {
        ProvisionComponent p = withActors(m);
        return p == null ? "mọi bên" : String.join(", ", p.getActor().stream().map(DecisionTexts::actor).toList());
    }

    private static String actorsEn(Match m) {
        ProvisionComponent p = withActors(m);
        return p == null ? "everybody" : String.join(", ", p.getActor().stream().map(DecisionTexts::actor).toList());
    }

    private static ProvisionComponent withActors(Match m) {
        for (int i = m.chain().size() - 1; i >= 0; i--) {
            if (m.chain().get(i).hasActor()) {
                return m.chain().get(i);
            }
        }
        return null;
    }

    private static String actor(Consent.provisionActorComponent a) {
        String display = a.getReference().hasDisplay() ? a.getReference().getDisplay() + " " : "";
        String value = a.getReference().getIdentifier() == null ? "" : a.getReference().getIdentifier().getValue();
        return display + "(" + value + ")";
    }

    private static String id(Consent c) {
        return "Consent/" + c.getIdElement().getIdPart();
    }

    private String label(IBaseResource r) {
        String type = fhirContext.getResourceType(r);
        return r.getIdElement() != null && r.getIdElement().hasIdPart() ? type + "/" + r.getIdElement().getIdPart() : type;
    }
}
