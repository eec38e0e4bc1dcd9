package vn.ehealth.nhr.loaders.synthetic;

import java.time.LocalDate;
import java.util.List;

/**
 * The infant schedule of the Expanded Programme on Immunization (Tiêm chủng mở rộng, TCMR) as
 * the national vaccine catalogue codes it: the vaccine, the dose number and the age in days at which
 * it is given (birth: BCG and hepatitis B; 2-3-4 months: the 5-in-1 and oral polio; 5 months: IPV;
 * 9 months: measles; 12-13 months: Japanese encephalitis; 18 months: measles-rubella and the DPT booster).
 */
final class EpiSchedule {

    record Dose(String vaccine, int doseNumber, int ageDays) {
        LocalDate dueFor(LocalDate birthDate) {
            return birthDate.plusDays(ageDays);
        }
    }

    static final List<Dose> DOSES = List.of(
            new Dose("VGB-SS", 1, 0), new Dose("BCG", 1, 7),
            new Dose("DPT-VGB-HIB", 1, 61), new Dose("BOPV", 1, 61),
            new Dose("DPT-VGB-HIB", 2, 91), new Dose("BOPV", 2, 91),
            new Dose("DPT-VGB-HIB", 3, 122), new Dose("BOPV", 3, 122),
            new Dose("IPV", 1, 152), new Dose("SOI", 1, 274),
            new Dose("VNNB", 1, 365), new Dose("VNNB", 2, 372),
            new Dose("SOI-RUBELLA", 1, 548), new Dose("DPT", 4, 548), new Dose("VNNB", 3, 730));

    private EpiSchedule() {
    }
}
