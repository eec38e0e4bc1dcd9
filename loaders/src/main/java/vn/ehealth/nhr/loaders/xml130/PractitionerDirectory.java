package vn.ehealth.nhr.loaders.xml130;

import java.util.Optional;

/**
 * Finds a practitioner of the national directory by practising licence (the {@code MA_BAC_SI} of
 * the XML tables): the CLI asks the server, the server operation its own database. Prescriptions
 * must name a stored Practitioner, and the XML has no name to create one from.
 */
@FunctionalInterface
public interface PractitionerDirectory {

    /** The Practitioner's logical id ("bs-le-van-cuong"), if one carries that licence. */
    Optional<String> idByLicence(String licence);
}
