package vn.ehealth.nhr.loaders.synthetic;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CodeSystem;
import vn.ehealth.nhr.terminology.Icd10Restrictions;
import vn.ehealth.nhr.terminology.Icd10Vn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What brings people to a doctor, by age: common ICD-10 diagnoses of Vietnamese primary and
 * hospital care, each drawn only when the Ministry's list (QĐ 4469, appendices A3/A4: sex and age
 * restrictions) allows it for that person on that day, and named as the shipped code system names it.
 */
final class Diagnoses {

    private static final List<String> CHILD = List.of("J06.9", "J20.9", "A09.0", "J18.9", "B08.4", "H66.9", "L20.9", "A90",
            "J03.9", "B01.9");
    private static final List<String> ADULT = List.of("J06.9", "K29.7", "M54.5", "K21.9", "J20.9", "A90", "N39.0", "K35.8",
            "J18.9", "H10.9", "E78.5", "J45.9", "N76.0", "N40");
    private static final List<String> ELDER = List.of("I10", "E11.9", "J18.9", "M17.9", "I25.9", "J44.9", "E78.5", "K29.7",
            "I63.9", "N40", "H25.9");

    private final Icd10Restrictions restrictions;
    private final Map<String, String> displays = new HashMap<>();

    private Diagnoses(CodeSystem icd10) {
        this.restrictions = new Icd10Restrictions(icd10);
        collect(icd10.getConcept());
    }

    static Diagnoses shipped(FhirContext fhir) {
        String path = "nhr/terminology/" + Icd10Vn.RESOURCE_FILE;
        try (InputStream in = Diagnoses.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the classpath (module nhr-terminology)");
            }
            return new Diagnoses(fhir.newJsonParser().parseResource(CodeSystem.class, in));
        } catch (IOException e) {
            throw new UncheckedIOException(path, e);
        }
    }

    private void collect(List<CodeSystem.ConceptDefinitionComponent> concepts) {
        for (CodeSystem.ConceptDefinitionComponent c : concepts) {
            displays.put(c.getCode(), c.getDisplay());
            collect(c.getConcept());
        }
    }

    /** The Vietnamese name of a code in the shipped list, or null when the list lacks it. */
    String display(String code) {
        return displays.get(code);
    }

    /** A diagnosis fitting a person of that sex born on that date, seen on {@code on}. */
    String draw(Random random, String sex, LocalDate birthDate, LocalDate on) {
        long ageYears = ChronoUnit.YEARS.between(birthDate, on);
        List<String> pool = ageYears < 16 ? CHILD : ageYears < 60 ? ADULT : ELDER;
        for (int attempt = 0; attempt < 20; attempt++) {
            String code = pool.get(random.nextInt(pool.size()));
            if (allowed(code, sex, birthDate, on)) {
                return code;
            }
        }
        return "J06.9"; // no restriction: any sex, any age
    }

    /** Whether the code and its category are in the list and unrestricted for this person on that day. */
    boolean allowed(String code, String sex, LocalDate birthDate, LocalDate on) {
        if (display(code) == null) {
            return false;
        }
        long ageDays = ChronoUnit.DAYS.between(birthDate, on);
        for (String c : List.of(code, code.length() > 3 ? code.substring(0, 3) : code)) {
            var r = restrictions.of(c);
            if (r.isPresent()) {
                var restriction = r.get();
                if (restriction.sex() != null && !restriction.sex().equals(sex)) {
                    return false;
                }
                if (restriction.ageMinDays() != null && ageDays < restriction.ageMinDays()
                        || restriction.ageMaxDays() != null && ageDays > restriction.ageMaxDays()) {
                    return false;
                }
            }
        }
        return true;
    }
}
