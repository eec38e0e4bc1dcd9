package vn.ehealth.nhr.server.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Real access tokens of the demo realm's accounts, from the suite's Keycloak, kept until they are
 * half-way to expiry (the realm issues 5-minute tokens), so the suite does not log in per request.
 */
public final class TestTokens {

    public static final String PASSWORD = "demo-nhr-2025";
    private static final Duration REUSE = Duration.ofSeconds(120);
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private record Cached(String token, Instant fetched) {
    }

    private TestTokens() {
    }

    /** qt-dang-thu-ha through the admin console: role admin, user/*.cruds. */
    public static String administrator() {
        return cached("admin", () -> keycloak().passwordToken("admin-console", "admin-console-demo-secret",
                "qt-dang-thu-ha", PASSWORD).accessToken());
    }

    /** The EMR system of Bạch Mai (facility 01001): client credentials, system/*.rs system/*.cu. */
    public static String bachMaiEmr() {
        return cached("emr-bach-mai", () -> keycloak().clientCredentialsToken("emr-bach-mai", "emr-bach-mai-demo-secret").accessToken());
    }

    /** The EMR system of Chợ Rẫy (facility 79001). */
    public static String choRayEmr() {
        return cached("emr-cho-ray", () -> keycloak().clientCredentialsToken("emr-cho-ray", "emr-cho-ray-demo-secret").accessToken());
    }

    /** Dr Lê Văn Cường, licence 000123/HNO-CCHN, at Bạch Mai (01001), through the clinician portal. */
    public static String clinicianBachMai() {
        return cached("bs-le-van-cuong", () -> keycloak().passwordToken("clinician-portal", "clinician-portal-demo-secret",
                "bs-le-van-cuong", PASSWORD).accessToken());
    }

    /** Dr Phạm Thị Dung, licence 004567/HCM-CCHN, at Chợ Rẫy (79001). */
    public static String clinicianChoRay() {
        return cached("bs-pham-thi-dung", () -> keycloak().passwordToken("clinician-portal", "clinician-portal-demo-secret",
                "bs-pham-thi-dung", PASSWORD).accessToken());
    }

    /** Citizen Nguyễn Văn An, CCCD 001085012345, through the Sổ Sức khỏe app (public client). */
    public static String citizenAn() {
        return cached("nguyen-van-an", () -> keycloak().passwordToken("so-suc-khoe-app", "nguyen-van-an", PASSWORD).accessToken());
    }

    /** Citizen Trần Thị Bích, CCCD 079301004567. */
    public static String citizenBich() {
        return cached("tran-thi-bich", () -> keycloak().passwordToken("so-suc-khoe-app", "tran-thi-bich", PASSWORD).accessToken());
    }

    /** Analyst Võ Minh Khoa through the analytics portal: user/*.rs. */
    public static String analyst() {
        return cached("pt-vo-minh-khoa", () -> keycloak().passwordToken("analytics-portal", "analytics-portal-demo-secret",
                "pt-vo-minh-khoa", PASSWORD).accessToken());
    }

    private static KeycloakTestServer keycloak() {
        return KeycloakTestServer.get();
    }

    private static String cached(String key, Supplier<String> fetch) {
        Cached c = CACHE.get(key);
        if (c == null || c.fetched().plus(REUSE).isBefore(Instant.now())) {
            c = new Cached(fetch.get(), Instant.now());
            CACHE.put(key, c);
        }
        return c.token();
    }
}
