package vn.ehealth.nhr.server.prescription;

import vn.ehealth.nhr.profiles.RuleViolation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rule {@code nhr-rx-status-transition}: how a prescription line (MedicationRequest) may change
 * status. An active line may be completed, cancelled, stopped, put on hold or marked entered in
 * error; a held line may be resumed. Completed, cancelled, stopped and entered-in-error lines are
 * over: they are never active again (the doctor writes a new prescription). Marking a finished
 * line entered-in-error is a correction, not a resurrection, so it stays possible.
 */
public final class PrescriptionStatusRule {

    public static final String RULE = "nhr-rx-status-transition";

    /** Where each status may go (staying put is always allowed). {@code unknown} is absent: judged below. */
    static final Map<String, List<String>> NEXT = Map.of(
            "draft", List.of("active", "cancelled", "entered-in-error"),
            "active", List.of("completed", "cancelled", "stopped", "on-hold", "entered-in-error"),
            "on-hold", List.of("active", "cancelled", "stopped", "entered-in-error"),
            "completed", List.of("entered-in-error"),
            "cancelled", List.of("entered-in-error"),
            "stopped", List.of("entered-in-error"),
            "entered-in-error", List.of());

    private static final Map<String, String> VIETNAMESE = Map.of(
            "draft", "nháp", "active", "đang hiệu lực", "on-hold", "tạm dừng", "completed", "đã hoàn thành",
            "cancelled", "đã huỷ", "stopped", "đã dừng", "entered-in-error", "nhập nhầm", "unknown", "không rõ");

    private PrescriptionStatusRule() {
    }

    /**
     * The violation, if a line stored with status {@code from} may not be updated to {@code to}.
     * {@code line} names it in the message ("MedicationRequest/123").
     */
    public static Optional<RuleViolation> check(String line, String from, String to) {
        if (from == null || to == null || from.equals(to) || "unknown".equals(from)) {
            return Optional.empty(); // nothing known to protect: a sender that did not know the state may state it now
        }
        List<String> allowed = NEXT.get(from);
        if (allowed == null || allowed.contains(to)) {
            return Optional.empty();
        }
        boolean over = List.of("completed", "cancelled", "stopped", "entered-in-error").contains(from);
        String vietnamese = line + " đang ở trạng thái '" + from + "' (" + vi(from) + "), không được chuyển sang '" + to
                + "' (" + vi(to) + "). "
                + (over ? "Trạng thái '" + from + "' là trạng thái cuối: dòng đơn đã kết thúc không được kích hoạt lại; "
                        + "hãy kê đơn mới" + (allowed.isEmpty() ? "." : " (chỉ được đánh dấu 'entered-in-error' nếu ghi nhầm).")
                        : "Từ '" + from + "' chỉ được chuyển sang: " + String.join(", ", allowed) + ".");
        String english = line + " is '" + from + "' and may not become '" + to + "'. "
                + (over ? "'" + from + "' is final: a finished prescription line is never active again; write a new prescription"
                        + (allowed.isEmpty() ? "." : " (it may only be marked 'entered-in-error' if it was recorded by mistake).")
                        : "From '" + from + "' it may only become: " + String.join(", ", allowed) + ".");
        return Optional.of(new RuleViolation(RULE, vietnamese, english));
    }

    private static String vi(String status) {
        return VIETNAMESE.getOrDefault(status, status);
    }
}
