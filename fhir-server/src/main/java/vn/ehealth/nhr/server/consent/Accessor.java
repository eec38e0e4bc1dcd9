package vn.ehealth.nhr.server.consent;

import java.util.Objects;

/**
 * Who asks for a citizen's data, as the (later) security layer learns it from the token: a
 * facility or an EMR system by facility code, a practitioner by practising licence together with
 * the facility they work for, the citizen by CCCD, or an analyst or administrator.
 */
public record Accessor(Kind kind, String facilityCode, String licence, String citizenId) {

    public enum Kind {
        /** Staff of a facility signed in as the facility (token carries a facility code). */
        FACILITY,
        /** An EMR vendor system of a facility (client credentials carrying the facility code). */
        EMR_SYSTEM,
        /** A clinician: practising licence and the facility they work for. */
        PRACTITIONER,
        /** The citizen, by CCCD (Sổ Sức khỏe app). */
        CITIZEN,
        ANALYST,
        ADMINISTRATOR
    }

    public Accessor {
        Objects.requireNonNull(kind, "kind");
        facilityCode = trimmed(facilityCode);
        licence = trimmed(licence);
        citizenId = trimmed(citizenId);
        if ((kind == Kind.FACILITY || kind == Kind.EMR_SYSTEM || kind == Kind.PRACTITIONER) && facilityCode == null) {
            throw new IllegalArgumentException(kind + " needs a facility code");
        }
        if (kind == Kind.PRACTITIONER && licence == null) {
            throw new IllegalArgumentException("a practitioner needs a practising licence");
        }
        if (kind == Kind.CITIZEN && citizenId == null) {
            throw new IllegalArgumentException("a citizen needs a CCCD");
        }
    }

    public static Accessor facility(String facilityCode) {
        return new Accessor(Kind.FACILITY, facilityCode, null, null);
    }

    public static Accessor emrSystem(String facilityCode) {
        return new Accessor(Kind.EMR_SYSTEM, facilityCode, null, null);
    }

    public static Accessor practitioner(String licence, String facilityCode) {
        return new Accessor(Kind.PRACTITIONER, facilityCode, licence, null);
    }

    public static Accessor citizen(String cccd) {
        return new Accessor(Kind.CITIZEN, null, null, cccd);
    }

    public static Accessor analyst() {
        return new Accessor(Kind.ANALYST, null, null, null);
    }

    public static Accessor administrator() {
        return new Accessor(Kind.ADMINISTRATOR, null, null, null);
    }

    /** True for accessors that act for a facility (and so fall under the consent rules). */
    public boolean actsForFacility() {
        return kind == Kind.FACILITY || kind == Kind.EMR_SYSTEM || kind == Kind.PRACTITIONER;
    }

    /** How the decision names the accessor, in Vietnamese. */
    public String vietnamese() {
        return switch (kind) {
            case FACILITY -> "cơ sở KBCB " + facilityCode;
            case EMR_SYSTEM -> "hệ thống EMR của cơ sở KBCB " + facilityCode;
            case PRACTITIONER -> "người hành nghề " + licence + " (cơ sở KBCB " + facilityCode + ")";
            case CITIZEN -> "công dân CCCD " + citizenId;
            case ANALYST -> "người phân tích dữ liệu";
            case ADMINISTRATOR -> "quản trị viên";
        };
    }

    /** How the decision names the accessor, in English. */
    public String english() {
        return switch (kind) {
            case FACILITY -> "facility " + facilityCode;
            case EMR_SYSTEM -> "the EMR system of facility " + facilityCode;
            case PRACTITIONER -> "practitioner " + licence + " (facility " + facilityCode + ")";
            case CITIZEN -> "citizen CCCD " + citizenId;
            case ANALYST -> "data analyst";
            case ADMINISTRATOR -> "administrator";
        };
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
