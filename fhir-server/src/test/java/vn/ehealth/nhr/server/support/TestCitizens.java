package vn.ehealth.nhr.server.support;

import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Realistic test citizens. Each call yields a distinct, well-formed CCCD (consistent with sex and
 * birth year) so tests sharing one database never collide.
 */
public final class TestCitizens {

    private static final AtomicInteger SERIAL = new AtomicInteger((int) (System.nanoTime() % 900_000));

    private TestCitizens() {
    }

    /** A CCCD for a man born in 19yy, registered in Hà Nội (001). */
    public static String cccdOfManBornIn(int year) {
        return "0010" + String.format("%02d", year % 100) + String.format("%06d", SERIAL.incrementAndGet() % 1_000_000);
    }

    /** A CCCD for a woman born in 19yy, registered in TP Hồ Chí Minh (079). */
    public static String cccdOfWomanBornIn(int year) {
        return "0791" + String.format("%02d", year % 100) + String.format("%06d", SERIAL.incrementAndGet() % 1_000_000);
    }

    public static Patient man(String family, String given, int birthYear) {
        return citizen(family, given, AdministrativeGender.MALE, birthYear, cccdOfManBornIn(birthYear));
    }

    public static Patient woman(String family, String given, int birthYear) {
        return citizen(family, given, AdministrativeGender.FEMALE, birthYear, cccdOfWomanBornIn(birthYear));
    }

    private static Patient citizen(String family, String given, AdministrativeGender sex, int birthYear, String cccd) {
        Patient p = new Patient();
        p.addIdentifier().setSystem(NhrIdentifierSystems.CITIZEN_ID).setValue(cccd);
        p.addName().setFamily(family).addGiven(given).setText(family + " " + given);
        p.setGender(sex);
        p.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(birthYear + "-05-17"));
        XhtmlNode div = new XhtmlNode();
        div.setValueAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">" + family + " " + given + ", sinh năm " + birthYear + "</div>");
        p.getText().setStatus(Narrative.NarrativeStatus.GENERATED).setDiv(div);
        return p;
    }

    public static String cccdOf(Patient p) {
        return p.getIdentifier().stream().filter(i -> NhrIdentifierSystems.CITIZEN_ID.equals(i.getSystem()))
                .findFirst().orElseThrow().getValue();
    }
}
