package vn.ehealth.nhr.server.prescription;

import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.Quantity;
import vn.ehealth.nhr.profiles.RuleViolation;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

/**
 * Rules {@code nhr-rx-dispense-line-not-active} and {@code nhr-rx-over-dispensed}: a pharmacy
 * dispenses against a prescription line (MedicationRequest) only while the line is active, and
 * never more in total than the line prescribes ({@code dispenseRequest.quantity}). Quantities are
 * compared by value, in the line's unit: the guide prescribes in dispensing units ("viên").
 */
public final class DispenseRule {

    public static final String LINE_NOT_ACTIVE = "nhr-rx-dispense-line-not-active";
    public static final String OVER_DISPENSED = "nhr-rx-over-dispensed";

    /** Dispenses that handed nothing over: they need no active line and do not count against it. */
    static final Set<String> HANDED_NOTHING_OVER = Set.of("cancelled", "entered-in-error", "declined");

    private DispenseRule() {
    }

    /** Whether this dispense counts against its prescription line. */
    public static boolean counts(MedicationDispense dispense) {
        return !dispense.hasStatus() || !HANDED_NOTHING_OVER.contains(dispense.getStatus().toCode());
    }

    /** The quantity a dispense hands over (none stated: zero). */
    public static BigDecimal quantityOf(MedicationDispense dispense) {
        return dispense.hasQuantity() && dispense.getQuantity().hasValue() ? dispense.getQuantity().getValue() : BigDecimal.ZERO;
    }

    public static Optional<RuleViolation> lineActive(String line, String lineStatus) {
        if ("active".equals(lineStatus)) {
            return Optional.empty();
        }
        return Optional.of(new RuleViolation(LINE_NOT_ACTIVE,
                "Chỉ được cấp phát theo dòng đơn đang hiệu lực (status = active): " + line + " (authorizingPrescription) đang ở trạng thái '"
                        + lineStatus + "'.",
                "Medicines are dispensed only against an active prescription line: " + line + " (authorizingPrescription) is '"
                        + lineStatus + "'."));
    }

    /**
     * The violation if {@code earlier} (what earlier dispenses of the line handed over) plus
     * {@code now} exceeds what the line prescribes; nothing if the line states no quantity.
     */
    public static Optional<RuleViolation> withinPrescribed(String line, Quantity prescribed, BigDecimal earlier, BigDecimal now) {
        if (prescribed == null || !prescribed.hasValue()) {
            return Optional.empty();
        }
        BigDecimal total = earlier.add(now);
        if (total.compareTo(prescribed.getValue()) <= 0) {
            return Optional.empty();
        }
        String unit = prescribed.hasUnit() ? " " + prescribed.getUnit() : "";
        BigDecimal left = prescribed.getValue().subtract(earlier).max(BigDecimal.ZERO);
        return Optional.of(new RuleViolation(OVER_DISPENSED,
                "Cấp phát vượt số lượng kê: " + line + " kê " + plain(prescribed.getValue()) + unit + " (dispenseRequest.quantity), đã cấp "
                        + plain(earlier) + unit + ", lần này " + plain(now) + unit + ", tổng " + plain(total) + unit
                        + ". Lần này chỉ được cấp tối đa " + plain(left) + unit + ".",
                "Over-dispensed: " + line + " prescribes " + plain(prescribed.getValue()) + unit + " (dispenseRequest.quantity), "
                        + plain(earlier) + unit + " already dispensed, " + plain(now) + unit + " now, " + plain(total) + unit
                        + " in total. At most " + plain(left) + unit + " may be dispensed now."));
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
