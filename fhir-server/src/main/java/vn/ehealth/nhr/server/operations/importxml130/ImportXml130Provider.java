package vn.ehealth.nhr.server.operations.importxml130;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ca.uhn.fhir.model.api.Include;
import org.hl7.fhir.r4.model.Resource;
import vn.ehealth.nhr.loaders.xml130.EnvelopeSignature;
import vn.ehealth.nhr.loaders.xml130.EpisodeInventory;
import vn.ehealth.nhr.loaders.xml130.PractitionerDirectory;
import vn.ehealth.nhr.loaders.xml130.Xml130Catalogues;
import vn.ehealth.nhr.loaders.xml130.Xml130Episode;
import vn.ehealth.nhr.loaders.xml130.Xml130EpisodeMapper;
import vn.ehealth.nhr.loaders.xml130.Xml130Loader;
import vn.ehealth.nhr.loaders.xml130.Xml130Problem;
import vn.ehealth.nhr.loaders.xml130.Xml130Reader;
import vn.ehealth.nhr.loaders.xml130.Xml130Report;
import vn.ehealth.nhr.profiles.MessageLanguage;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.server.consent.Accessor;
import vn.ehealth.nhr.server.security.AccessContext;
import vn.ehealth.nhr.server.security.AccessContexts;
import vn.ehealth.nhr.server.security.AccessRefusal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /fhir/$import-xml130}: a facility sends its QĐ 130/4750 check-out data as it sends it
 * to the social-insurance portal (the {@code GIAMDINHHS} envelope, a table file, or a zip of them;
 * body {@code application/xml} or {@code application/zip}). Each episode is mapped by the loaders'
 * code ({@link Xml130EpisodeMapper}, the same as {@code nhr-load xml130}) and stored as one
 * transaction through HAPI's system DAO with this request, so the guide's validation, the write and
 * record rules and the audit apply exactly as to a transaction the facility posted itself. A refused
 * episode stores nothing and does not stop the others; the answer is a {@code Parameters} report.
 *
 * <p>Only a facility's credentials (EMR system, staff, clinician) may import, and only its own data:
 * the envelope's MACSKCB and each episode's MA_CSKCB must be the token's facility.
 *
 * <p>An envelope's {@code CHUKYDONVI} is verified first (bodies up to 32 MB; {@code nhr.fhir.max-request-size} is 20 MB by default); a
 * broken signature refuses the whole body (400); an envelope inside a zip body with a broken signature is
 * refused in the report (the zip's other files still load). Loading an episode again marks entered-in-error, in the same
 * transaction, the resources of rows the corrected file no longer has.
 */
public class ImportXml130Provider {

    private static final Logger log = LoggerFactory.getLogger(ImportXml130Provider.class);

    private final IFhirSystemDao<Bundle, ?> systemDao;
    private final DaoRegistry daos;
    private final EnvelopeSignature signature;

    public ImportXml130Provider(IFhirSystemDao<Bundle, ?> systemDao, DaoRegistry daos, long signatureLimitBytes) {
        this.systemDao = systemDao;
        this.daos = daos;
        this.signature = new EnvelopeSignature(signatureLimitBytes);
    }

    @Description(shortDefinition = "Nạp dữ liệu XML QĐ 130/4750 (hồ sơ GIAMDINHHS, tệp bảng hoặc zip) của cơ sở; mỗi đợt điều trị (MA_LK) một giao dịch",
            value = "Loads a facility's QĐ 130/4750 check-out XML (GIAMDINHHS envelope, table file or zip; body application/xml or "
                    + "application/zip): one transaction per episode (facility + MA_LK; loading again updates in place), "
                    + "Patient matched on CCCD. Answers a Parameters report: counts (loaded, updated, refused) and one "
                    + "'episode' part per episode with its outcome and, if refused, each problem as table, row (STT) and column.")
    @Operation(name = "$import-xml130", manualRequest = true, idempotent = false)
    public Parameters importXml130(RequestDetails request) {
        String facility = callerFacility(request);
        MessageLanguage language = MessageLanguage.fromAcceptLanguage(request.getHeader("Accept-Language"));
        byte[] body = request.loadRequestContents();
        if (body == null || body.length == 0) {
            throw invalid(language, "Thân yêu cầu trống: gửi hồ sơ GIAMDINHHS, tệp bảng XML hoặc tệp zip.",
                    "Empty request body: send a GIAMDINHHS envelope, a table XML file or a zip.");
        }
        Xml130Report report = new Xml130Report();
        EnvelopeSignature.Result signed = signature.check(body);
        if (signed != null && signed.status() == EnvelopeSignature.Status.BROKEN) {
            throw invalid(language, signed.line().format(MessageLanguage.VIETNAMESE), signed.line().format(MessageLanguage.ENGLISH));
        }
        if (signed != null) {
            report.note("request", signed.line());
        }
        Xml130Loader loader = new Xml130Loader(new Xml130EpisodeMapper(Xml130Catalogues.shipped(), practitioners()),
                tx -> send(request, tx), this::stored);
        try {
            new Xml130Reader(signature, report::note).read("request", new ByteArrayInputStream(body), episode -> {
                if (facility != null) {
                    checkFacility(request, facility, episode, report);
                }
                report.add(loader.load(episode));
            });
        } catch (IOException e) {
            throw invalid(language, "Không đọc được thân yêu cầu: " + e.getMessage(), "The request body cannot be read: " + e.getMessage());
        }
        if (report.outcomes().isEmpty()) {
            throw invalid(language, "Không có hồ sơ (HOSO) nào trong yêu cầu.", "The request holds no episode (HOSO).");
        }
        boolean unreadable = report.outcomes().stream().allMatch(o -> o.maLk() == null && o.problems().stream()
                .allMatch(p -> p.table() == null && p.stt() == null && p.column() == null));
        if (unreadable) {
            // not one table could be read: the body itself is wrong, not an episode in it
            String vi = report.outcomes().stream().flatMap(o -> o.problems().stream()).map(p -> p.format(MessageLanguage.VIETNAMESE))
                    .collect(java.util.stream.Collectors.joining("; "));
            String en = report.outcomes().stream().flatMap(o -> o.problems().stream()).map(p -> p.format(MessageLanguage.ENGLISH))
                    .collect(java.util.stream.Collectors.joining("; "));
            throw invalid(language, vi, en);
        }
        return ImportReport.toParameters(report, language);
    }

    /** The caller's facility code; null in the sandbox. Anyone but a facility is refused. */
    private static String callerFacility(RequestDetails request) {
        AccessContext caller = AccessContexts.of(request).orElse(null);
        if (caller == null || caller.isSandbox()) {
            return null;
        }
        if (caller.isAnonymous()) {
            throw AccessRefusal.loginRequired(request);
        }
        Accessor accessor = caller.accessor();
        if (accessor == null || !accessor.actsForFacility() || accessor.facilityCode() == null) {
            throw AccessRefusal.forbidden(request, "nhr-xml130-facility-only",
                    "Chỉ cơ sở KBCB (hệ thống EMR, nhân viên, bác sĩ của cơ sở) được nạp dữ liệu XML 130 của chính mình.",
                    "Only a health facility (its EMR system, staff or clinicians) may load its own XML 130 data.");
        }
        return accessor.facilityCode();
    }

    /**
     * The facility of the data must be the caller's: an envelope of another facility is refused as a
     * whole before anything is stored (it comes first); an episode of another facility is refused alone.
     */
    private static void checkFacility(RequestDetails request, String facility, Xml130Episode episode, Xml130Report report) {
        String envelope = episode.envelopeFacility();
        if (envelope != null && !envelope.equals(facility)) {
            throw AccessRefusal.forbidden(request, "nhr-xml130-other-facility",
                    "Hồ sơ gửi có MACSKCB " + envelope + " nhưng mã truy cập là của cơ sở " + facility
                            + "; cơ sở chỉ được nạp dữ liệu của chính mình.",
                    "The envelope's MACSKCB is " + envelope + " but the token is facility " + facility
                            + "'s; a facility may load only its own data.");
        }
        String own = episode.facility();
        if (own != null && !own.equals(facility)) {
            episode.problem(new Xml130Problem(null, null, "MA_CSKCB",
                    "hồ sơ của cơ sở " + own + ", mã truy cập là của cơ sở " + facility,
                    "the record is facility " + own + "'s, the token is facility " + facility + "'s"));
        }
    }

    /** One episode's transaction, as this request: every storage rule applies; a refusal rolls it back. */
    private Xml130Loader.Answer send(RequestDetails request, Bundle transaction) {
        try {
            return Xml130Loader.Answer.accepted(systemDao.transaction(request, transaction));
        } catch (BaseServerResponseException e) {
            OperationOutcome oo = e.getOperationOutcome() instanceof OperationOutcome o ? o : null;
            return Xml130Loader.Answer.refused(oo, "HTTP " + e.getStatusCode() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            log.error("XML 130 episode transaction failed", e);
            return Xml130Loader.Answer.refused(null, "Lỗi máy chủ khi lưu hồ sơ / server error while storing the record ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** What an earlier load of the episode stored (read as the server: the facility's own rows are filtered after). */
    private List<Resource> stored(String episodeSystem, String maLk) {
        SearchParameterMap query = SearchParameterMap.newSynchronous("identifier", new TokenParam(episodeSystem, maLk));
        EpisodeInventory.REVINCLUDES.forEach(r -> query.addRevInclude(new Include(r)));
        List<IBaseResource> found = new ArrayList<>(
                daos.getResourceDao("Encounter").search(query, new SystemRequestDetails()).getAllResources());
        // the relatives XML7/XML8 named refer to the Patient, not the Encounter: found by their row identifiers
        TokenOrListParam relatives = new TokenOrListParam();
        EpisodeInventory.relativeKeys(maLk).forEach(k -> relatives.addOr(new TokenParam(EpisodeInventory.rowSystem(episodeSystem), k)));
        SearchParameterMap byKeys = SearchParameterMap.newSynchronous();
        byKeys.add("identifier", relatives);
        found.addAll(daos.getResourceDao("RelatedPerson").search(byKeys, new SystemRequestDetails()).getAllResources());
        return found.stream().map(Resource.class::cast).toList();
    }

    /** Practitioners of the directory by licence, read as the server (the directory is public to facilities). */
    private PractitionerDirectory practitioners() {
        return licence -> {
            SearchParameterMap query = SearchParameterMap.newSynchronous("identifier",
                    new TokenParam(NhrIdentifierSystems.PRACTITIONER_LICENCE, licence));
            List<IBaseResource> found = daos.getResourceDao("Practitioner").search(query, new SystemRequestDetails())
                    .getResources(0, 1);
            return found.stream().findFirst().map(r -> r.getIdElement().getIdPart());
        };
    }

    private static InvalidRequestException invalid(MessageLanguage language, String vietnamese, String english) {
        String text = language == MessageLanguage.ENGLISH ? english : vietnamese;
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.INVALID).setDiagnostics(text);
        return new InvalidRequestException(text, oo);
    }
}
