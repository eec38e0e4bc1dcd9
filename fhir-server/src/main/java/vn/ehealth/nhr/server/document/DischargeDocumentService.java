package vn.ehealth.nhr.server.document;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import vn.ehealth.nhr.ig.validation.GuideValidation;
import vn.ehealth.nhr.ig.validation.GuideValidator;
import vn.ehealth.nhr.profiles.DocumentSignature;
import vn.ehealth.nhr.profiles.MessageLanguage;
import vn.ehealth.nhr.profiles.RuleViolation;
import vn.ehealth.nhr.server.consent.Accessor;
import vn.ehealth.nhr.server.consent.CitizenConsentRules;
import vn.ehealth.nhr.server.consent.RecordCompartments;
import vn.ehealth.nhr.server.security.AccessContext;
import vn.ehealth.nhr.server.security.AccessContexts;
import vn.ehealth.nhr.server.validation.RequestLanguage;
import vn.ehealth.nhr.server.validation.WriteValidationOutcome;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Receives a discharge document ({@code POST /Bundle} or {@code PUT /Bundle/{id}} of a Bundle of
 * type {@code document}) and stores it twice over, in one database transaction: each entry as a
 * resource of its own (searchable, shared Patient matched by CCCD; {@link DocumentTransaction}) and
 * the document itself, unchanged, tagged with the Patient it belongs to
 * ({@link RecordCompartments#DOCUMENT_SUBJECT_TAG}) so the consent rules know whose record it is.
 * Every write goes through HAPI's DAOs with the caller's request, so the write rules, the guide's
 * validation and the record rules judge each entry and the document as if sent alone, and any
 * refusal rolls everything back.
 *
 * <p>{@code Bundle.identifier} names the document: the same document sent again is stored once
 * (200 with the stored Bundle); another document under the same identifier is refused (409,
 * {@code nhr-doc-identifier-conflict}). A corrected paper (a new document, the Composition keeping its
 * identifier) retires what only the earlier versions listed ({@link SupersededPaperEntries}). See ADR 8.
 */
public class DischargeDocumentService {

    /** Request user data: the Bundle this service is storing (the storage guard lets it, and only it, through). */
    static final String STORING_KEY = DischargeDocumentService.class.getName() + ".storing";

    private final FhirContext fhirContext;
    private final DaoRegistry daos;
    private final IFhirSystemDao<Bundle, ?> systemDao;
    private final IHapiTransactionService transactions;
    private final DocumentSignature canonical;
    private final GuideValidator validator;
    private final SupersededPaperEntries superseded;

    public DischargeDocumentService(FhirContext fhirContext, DaoRegistry daos, IFhirSystemDao<Bundle, ?> systemDao,
            IHapiTransactionService transactions, GuideValidator validator) {
        this.fhirContext = fhirContext;
        this.daos = daos;
        this.systemDao = systemDao;
        this.transactions = transactions;
        this.canonical = new DocumentSignature(fhirContext, List.of());
        this.validator = validator;
        this.superseded = new SupersededPaperEntries(daos);
    }

    public static boolean isDocument(IBaseResource resource) {
        return resource instanceof Bundle b && b.getType() == Bundle.BundleType.DOCUMENT;
    }

    /** Stores {@code document} (as {@code Bundle/<target>} when PUT, else with a new id). */
    public MethodOutcome receive(Bundle document, IIdType target, RequestDetails request) {
        refuseUnresolvedReferences(document, request);
        try {
            return transactions.withRequest(request).execute(() -> store(document, target, request));
        } catch (ResourceVersionConflictException clash) {
            // Two first sends of one document at once: both found no stored document, and the unique
            // index on Bundle.identifier (SearchParameter vn-nhr-document-identifier-unique) let only
            // one commit; everything the other wrote was rolled back. Asked again, it now finds the
            // stored document and answers as a repeated send does (200, or 409 for other content).
            if (storedWithIdentifier(document.getIdentifier()).isEmpty()) {
                throw clash;
            }
            return transactions.withRequest(request).execute(() -> store(document, target, request));
        }
    }

    private MethodOutcome store(Bundle document, IIdType target, RequestDetails request) {
        Optional<Bundle> stored = storedWithIdentifier(document.getIdentifier());
        if (stored.isPresent()) {
            Optional<MethodOutcome> repeated = repeated(document, stored.get(), request);
            if (repeated.isPresent()) {
                return repeated.get();
            }
        }
        if (target != null && target.hasIdPart() && exists(target.getIdPart())) {
            conflict(request, DocumentRules.immutable(target.getIdPart()), "Bundle");
        }
        DocumentTransaction.Built built = DocumentTransaction.of(document);
        Composition paper = document.getEntryFirstRep().getResource() instanceof Composition c ? c : null;
        List<Composition> earlierVersions = paper == null ? List.of() : superseded.storedVersionsOf(paper);
        Bundle response = systemDao.transactionNested(request, built.transaction());
        // a corrected paper: what its earlier versions listed leaves the record (entered-in-error)
        List<String> retired = earlierVersions.isEmpty() ? List.of()
                : superseded.retireEarlier(earlierVersions, paper.getDate(), storedCustodian(document, paper, response), request);

        Bundle copy = document.copy();
        copy.getMeta().getTag().removeIf(t -> RecordCompartments.DOCUMENT_SUBJECT_TAG.equals(t.getSystem()));
        if (built.subjectEntry() >= 0) {
            String patient = new IdType(response.getEntry().get(built.subjectEntry()).getResponse().getLocation())
                    .toUnqualifiedVersionless().getValue();
            copy.getMeta().addTag(RecordCompartments.DOCUMENT_SUBJECT_TAG, patient, "Hồ sơ của người bệnh");
        }
        IFhirResourceDao<Bundle> bundles = daos.getResourceDao(Bundle.class);
        request.getUserData().put(STORING_KEY, copy);
        DaoMethodOutcome outcome;
        try {
            if (target != null && target.hasIdPart()) {
                copy.setId(new IdType("Bundle", target.getIdPart()));
                outcome = bundles.update(copy, request);
            } else {
                copy.setId((String) null);
                outcome = bundles.create(copy, request);
            }
        } finally {
            request.getUserData().remove(STORING_KEY);
        }
        MethodOutcome result = new MethodOutcome(outcome.getId(), true);
        result.setResource(outcome.getResource());
        result.setOperationOutcome(DocumentReceipt.of(document, built, response, retired, RequestLanguage.of(request)));
        return result;
    }

    /**
     * The same identifier again: the stored document is the answer if the caller wrote it and sent
     * the same content; another content is a conflict. Callers that may not write documents
     * (citizens, analysts) get no answer here: their write is refused by the write rules.
     */
    private Optional<MethodOutcome> repeated(Bundle document, Bundle stored, RequestDetails request) {
        AccessContext caller = AccessContexts.of(request).orElse(null);
        Accessor accessor = caller == null || caller.isSandbox() ? null : caller.accessor();
        boolean trusted = caller == null || caller.isSandbox() || (accessor != null && accessor.kind() == Accessor.Kind.ADMINISTRATOR);
        boolean sameWriter = trusted || (accessor != null && accessor.actsForFacility()
                && CitizenConsentRules.authoringFacility(stored).filter(accessor.facilityCode()::equals).isPresent());
        if (!trusted && (accessor == null || !accessor.actsForFacility())) {
            return Optional.empty();
        }
        String storedId = stored.getIdElement().getIdPart();
        if (sameWriter && Arrays.equals(canonical.canonicalContent(document), canonical.canonicalContent(stored))) {
            MethodOutcome same = new MethodOutcome(stored.getIdElement().withResourceType("Bundle"), false);
            same.setResource(stored);
            return Optional.of(same);
        }
        // another facility's document is not named, not even by id
        conflict(request, DocumentRules.identifierConflict(document.getIdentifier(), sameWriter ? storedId : null), "Bundle.identifier");
        return Optional.empty();
    }

    /** The stored Organization the paper's custodian became (matched by facility code), as {@code Organization/<id>}. */
    private static String storedCustodian(Bundle document, Composition paper, Bundle response) {
        int entry = DocumentReferences.resolve(DocumentReferences.index(document), paper.getCustodian().getReference());
        if (entry < 0 || entry >= response.getEntry().size() || response.getEntry().get(entry).getResponse().getLocation() == null) {
            return null;
        }
        return new IdType(response.getEntry().get(entry).getResponse().getLocation()).toUnqualifiedVersionless().getValue();
    }

    private Optional<Bundle> storedWithIdentifier(Identifier identifier) {
        if (identifier == null || !identifier.hasSystem() || !identifier.hasValue()) {
            return Optional.empty(); // the guide's validation refuses it when the document is stored
        }
        SearchParameterMap map = SearchParameterMap.newSynchronous()
                .add(Bundle.SP_IDENTIFIER, new TokenParam(identifier.getSystem(), identifier.getValue()));
        return daos.getResourceDao(Bundle.class).search(map, new SystemRequestDetails()).getAllResources().stream()
                .filter(Bundle.class::isInstance).map(Bundle.class::cast).filter(DischargeDocumentService::isDocument)
                .findFirst();
    }

    private boolean exists(String id) {
        try {
            daos.getResourceDao(Bundle.class).read(new IdType("Bundle", id), new SystemRequestDetails());
            return true;
        } catch (ResourceNotFoundException | ca.uhn.fhir.rest.server.exceptions.ResourceGoneException e) {
            return false;
        }
    }

    /**
     * References that point outside the document, each named with its entry and path; the
     * guide's other findings on the document come with them, so the sender sees everything at once.
     */
    private void refuseUnresolvedReferences(Bundle document, RequestDetails request) {
        List<DocumentReferences.Link> unresolved = DocumentReferences.unresolved(document);
        if (unresolved.isEmpty()) {
            return;
        }
        MessageLanguage language = RequestLanguage.of(request);
        OperationOutcome outcome = new OperationOutcome();
        for (DocumentReferences.Link link : unresolved) {
            String type = document.getEntry().get(link.entry()).getResource().fhirType();
            WriteValidationOutcome.addIssue(outcome, DocumentRules.unresolved(link, type), OperationOutcome.IssueSeverity.ERROR,
                    OperationOutcome.IssueType.INVARIANT, language, link.path());
        }
        if (validator != null) {
            List<vn.ehealth.nhr.ig.validation.Finding> others = validator.validate(document).errors().stream()
                    .filter(f -> !DocumentReferences.RULE.equals(f.rule())).toList();
            new GuideValidation(others).addTo(outcome, language, null);
        }
        throw new UnprocessableEntityException(fhirContext, outcome);
    }

    private static void conflict(RequestDetails request, RuleViolation violation, String path) {
        OperationOutcome outcome = new OperationOutcome();
        WriteValidationOutcome.addIssue(outcome, violation, OperationOutcome.IssueSeverity.ERROR,
                OperationOutcome.IssueType.CONFLICT, RequestLanguage.of(request), path);
        WriteValidationOutcome.refuseAsConflict(outcome);
    }
}
