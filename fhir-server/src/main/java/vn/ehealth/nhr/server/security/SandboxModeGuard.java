package vn.ehealth.nhr.server.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.ehealth.nhr.server.config.NhrDatabaseProperties;

import java.nio.charset.StandardCharsets;

/**
 * Refuses configurations that would expose real records: the open sandbox (no token issuer) on an
 * external database, or a secured server without the key of the analysts' pseudonyms. Runs when the
 * security configuration is built, so a broken configuration stops the start, not the first request.
 */
public final class SandboxModeGuard {

    private static final Logger log = LoggerFactory.getLogger(SandboxModeGuard.class);
    static final int MIN_PSEUDONYM_KEY_LENGTH = 16;

    private SandboxModeGuard() {
    }

    public static void check(NhrSecurityProperties security, NhrDatabaseProperties database) {
        check(security, database, true);
    }

    /** @param announce whether to log the sandbox banner (once, when the server is assembled) */
    static void check(NhrSecurityProperties security, NhrDatabaseProperties database, boolean announce) {
        boolean embedded = database.getUrl() == null || database.getUrl().isBlank();
        if (security.isSandbox()) {
            if (!embedded) {
                throw new IllegalStateException("NHR_SECURITY_ISSUER_URI (nhr.security.issuer-uri) is empty but an "
                        + "external database is configured (nhr.db.url=" + database.getUrl() + "): the open sandbox, "
                        + "where every request acts as an administrator, is only allowed on the embedded database. "
                        + "Set the Keycloak realm URL, e.g. https://id.example.vn/realms/nhr.");
            }
            if (!announce) {
                return;
            }
            String banner = "*".repeat(100);
            log.warn("\n{}\n*  OPEN SANDBOX: no token issuer is configured (nhr.security.issuer-uri). Every request is "
                    + "served as an ADMINISTRATOR\n*  without sign-in, consent or de-identification. For trying the "
                    + "server on a laptop only; the embedded\n*  database is the only one allowed in this mode. See "
                    + "README, 'Sign-in and consent'.\n{}", banner, banner);
            return;
        }
        String key = security.getPseudonymKey();
        if (key == null || key.getBytes(StandardCharsets.UTF_8).length < MIN_PSEUDONYM_KEY_LENGTH) {
            throw new IllegalStateException("NHR_SECURITY_PSEUDONYM_KEY (nhr.security.pseudonym-key) must be a secret "
                    + "of at least " + MIN_PSEUDONYM_KEY_LENGTH + " characters when sign-in is on: it keys the "
                    + "pseudonyms analysts see instead of citizen IDs.");
        }
    }
}
