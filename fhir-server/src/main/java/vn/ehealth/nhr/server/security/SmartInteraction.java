package vn.ehealth.nhr.server.security;

/**
 * The five SMART App Launch v2 permissions, in their canonical order {@code c r u d s}
 * (declaration order is that order: {@link #ordinal()} is the position in {@code cruds}).
 * What each covers (SMART v2, "Scopes for requesting FHIR resources"):
 * {@code c} type-level create; {@code r} read, vread, instance history; {@code u} update
 * (including update-as-create) and patch; {@code d} delete; {@code s} type-level search,
 * type-level history, system-level search.
 */
public enum SmartInteraction {
    CREATE('c', "tạo", "create"),
    READ('r', "đọc", "read"),
    UPDATE('u', "sửa", "update"),
    DELETE('d', "xóa", "delete"),
    SEARCH('s', "tìm kiếm", "search");

    private final char letter;
    private final String vietnamese;
    private final String english;

    SmartInteraction(char letter, String vietnamese, String english) {
        this.letter = letter;
        this.vietnamese = vietnamese;
        this.english = english;
    }

    public char letter() {
        return letter;
    }

    public String vietnamese() {
        return vietnamese;
    }

    public String english() {
        return english;
    }

    /** The interaction with this letter, or {@code null}. */
    static SmartInteraction fromLetter(char letter) {
        for (SmartInteraction interaction : values()) {
            if (interaction.letter == letter) {
                return interaction;
            }
        }
        return null;
    }
}
