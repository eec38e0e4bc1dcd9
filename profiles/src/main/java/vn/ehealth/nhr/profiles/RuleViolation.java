package vn.ehealth.nhr.profiles;

/**
 * One broken rule of the national guide, stated for the vendor's developer in Vietnamese and in
 * English. {@code rule} is the stable key tests and OperationOutcome issue codes refer to.
 */
public record RuleViolation(String rule, String vietnamese, String english) {

    /** The message in the requested language: English for "en…", Vietnamese otherwise. */
    public String message(String language) {
        return language != null && language.toLowerCase().startsWith("en") ? english : vietnamese;
    }
}
