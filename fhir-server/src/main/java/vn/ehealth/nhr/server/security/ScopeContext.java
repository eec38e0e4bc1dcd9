package vn.ehealth.nhr.server.security;

/**
 * Whose behalf a SMART resource scope speaks for, the part before the slash.
 * <ul>
 * <li>{@link #PATIENT} ({@code patient/…}): the citizen's app; limited to the Patient compartment
 * of the one patient in the token's launch context.</li>
 * <li>{@link #USER} ({@code user/…}): a signed-in person (clinician, analyst, administrator);
 * whatever that person may see, further narrowed by consent.</li>
 * <li>{@link #SYSTEM} ({@code system/…}): a machine client with no user (an EMR vendor system,
 * bulk export).</li>
 * </ul>
 */
public enum ScopeContext {
    PATIENT("patient"), USER("user"), SYSTEM("system");

    private final String prefix;

    ScopeContext(String prefix) {
        this.prefix = prefix;
    }

    /** The scope prefix without the slash: {@code patient}, {@code user}, {@code system}. */
    public String prefix() {
        return prefix;
    }

    /** The context named by a scope prefix (exact, lower case), or {@code null}. */
    static ScopeContext fromPrefix(String prefix) {
        for (ScopeContext context : values()) {
            if (context.prefix.equals(prefix)) {
                return context;
            }
        }
        return null;
    }
}
