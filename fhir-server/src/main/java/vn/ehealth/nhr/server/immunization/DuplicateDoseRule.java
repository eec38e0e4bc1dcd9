package vn.ehealth.nhr.server.immunization;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Reference;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;
import vn.ehealth.nhr.profiles.RuleViolation;
import vn.ehealth.nhr.server.consent.CitizenConsentRules;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Rule {@code nhr-imm-duplicate-dose}: one dose is recorded once. Two Immunizations are the same
 * dose when they name the same patient, share a vaccine coding (any coding of {@code vaccineCode}),
 * fall on the same day in Vietnam (Asia/Ho_Chi_Minh) and were given by the same facility
 * (performer organisation, else the writer in {@code meta.source}). Records that say no dose was
 * given ({@code not-done}) or that were recorded by mistake ({@code entered-in-error}) do not count.
 */
public final class DuplicateDoseRule {

    public static final String RULE = "nhr-imm-duplicate-dose";
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private DuplicateDoseRule() {
    }

    /** Whether the record says a dose was given (and so may duplicate another). */
    public static boolean counts(Immunization immunization) {
        return immunization.getStatus() != Immunization.ImmunizationStatus.NOTDONE
                && immunization.getStatus() != Immunization.ImmunizationStatus.ENTEREDINERROR;
    }

    /** The day of the dose in Vietnam; empty when only a year or month, or a free-text date, is known. */
    public static Optional<LocalDate> dayOf(Immunization immunization) {
        if (!immunization.hasOccurrenceDateTimeType() || immunization.getOccurrenceDateTimeType().getValue() == null) {
            return Optional.empty();
        }
        DateTimeType when = immunization.getOccurrenceDateTimeType();
        if (when.getPrecision().ordinal() < TemporalPrecisionEnum.DAY.ordinal()) {
            return Optional.empty();
        }
        if (when.getPrecision() == TemporalPrecisionEnum.DAY) {
            // a date without a time has no zone: it is that day, wherever the server runs
            return Optional.of(LocalDate.of(when.getYear(), when.getMonth() + 1, when.getDay()));
        }
        return Optional.of(when.getValue().toInstant().atZone(VIETNAM).toLocalDate());
    }

    /** A vaccine coding both records carry (same system and code), if any. */
    public static Optional<Coding> sharedVaccine(Immunization a, Immunization b) {
        for (Coding x : a.getVaccineCode().getCoding()) {
            for (Coding y : b.getVaccineCode().getCoding()) {
                if (x.hasSystem() && x.hasCode() && x.getSystem().equals(y.getSystem()) && x.getCode().equals(y.getCode())) {
                    return Optional.of(x);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The facility codes that gave the dose: each performer organisation, by its facility-code
     * identifier or, through {@code organisationFacility}, the stored Organization it references;
     * failing that, the facility that wrote the record ({@code meta.source}).
     */
    public static Set<String> facilitiesOf(Immunization immunization, Function<String, Optional<String>> organisationFacility) {
        Set<String> codes = new LinkedHashSet<>();
        for (Immunization.ImmunizationPerformerComponent performer : immunization.getPerformer()) {
            Reference actor = performer.getActor();
            if (actor.hasIdentifier() && NhrIdentifierSystems.FACILITY_CODE.equals(actor.getIdentifier().getSystem())
                    && actor.getIdentifier().hasValue()) {
                codes.add(actor.getIdentifier().getValue().strip());
            } else if (actor.hasReference() && "Organization".equals(actor.getReferenceElement().getResourceType())
                    && actor.getReferenceElement().hasIdPart() && !actor.getReference().startsWith("urn:")) {
                organisationFacility.apply(actor.getReferenceElement().getIdPart()).ifPresent(codes::add);
            }
        }
        if (codes.isEmpty()) {
            CitizenConsentRules.authoringFacility(immunization).ifPresent(codes::add);
        }
        return codes;
    }

    /**
     * The violation if {@code sent} is the dose {@code existing} already records; {@code existingName}
     * names it in the message ("Immunization/123", or a Bundle entry).
     */
    public static Optional<RuleViolation> check(Immunization sent, Set<String> sentFacilities, Immunization existing,
            Set<String> existingFacilities, String existingName) {
        if (!counts(sent) || !counts(existing)) {
            return Optional.empty();
        }
        Optional<LocalDate> day = dayOf(sent);
        Optional<Coding> vaccine = sharedVaccine(sent, existing);
        if (day.isEmpty() || !day.equals(dayOf(existing)) || vaccine.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> facility = sentFacilities.stream().filter(existingFacilities::contains).findFirst();
        if (facility.isEmpty()) {
            return Optional.empty();
        }
        String patient = sent.getPatient().getReference();
        String code = vaccine.get().getCode();
        return Optional.of(new RuleViolation(RULE,
                "Mũi tiêm trùng lặp: " + existingName + " đã ghi cùng người được tiêm (" + patient + "), cùng vắc xin ("
                        + code + "), cùng ngày " + day.get() + " (giờ Việt Nam), cùng cơ sở " + facility.get()
                        + ". Hãy cập nhật " + existingName + " thay vì ghi thêm; nếu bản ghi đó sai, đặt status = entered-in-error.",
                "Duplicate dose: " + existingName + " already records the same patient (" + patient + "), vaccine (" + code
                        + "), day " + day.get() + " (Vietnam time) and facility " + facility.get() + ". Update " + existingName
                        + " instead of recording the dose again; if that record is wrong, set its status to entered-in-error."));
    }
}
