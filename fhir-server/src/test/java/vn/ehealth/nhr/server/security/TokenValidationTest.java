package vn.ehealth.nhr.server.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A well-signed token is still refused when it is for someone else, too old, or not yet valid. */
class TokenValidationTest {

    private static final String ISSUER = "https://id.example.vn/realms/nhr";
    private final OAuth2TokenValidator<Jwt> validator = SecurityConfig.tokenValidator(properties());

    private static NhrSecurityProperties properties() {
        NhrSecurityProperties p = new NhrSecurityProperties();
        p.setIssuerUri(ISSUER);
        return p;
    }

    private static Jwt.Builder token() {
        Instant now = Instant.now();
        return Jwt.withTokenValue("t").header("alg", "RS256").issuer(ISSUER).audience(List.of("nhr-fhir-server", "account"))
                .issuedAt(now.minusSeconds(10)).notBefore(now.minusSeconds(10)).expiresAt(now.plusSeconds(290));
    }

    @Test
    void aCurrentTokenOfTheRealmForThisServerIsAccepted() {
        assertThat(validator.validate(token().build()).hasErrors()).isFalse();
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertThat(validator.validate(token().audience(List.of("account")).build()).hasErrors()).isTrue();
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        assertThat(validator.validate(token().issuer("https://evil.example/realms/nhr").build()).hasErrors()).isTrue();
    }

    @Test
    void anExpiredTokenIsRefusedBeyondTheClockSkew() {
        Instant past = Instant.now().minusSeconds(600);
        assertThat(validator.validate(token().issuedAt(past.minusSeconds(300)).notBefore(past.minusSeconds(300))
                .expiresAt(past).build()).hasErrors()).isTrue();
        Instant justExpired = Instant.now().minusSeconds(10); // within the 30 s skew
        assertThat(validator.validate(token().issuedAt(justExpired.minusSeconds(300)).notBefore(justExpired.minusSeconds(300))
                .expiresAt(justExpired).build()).hasErrors()).isFalse();
    }

    @Test
    void aTokenNotYetValidIsRefused() {
        Instant future = Instant.now().plusSeconds(600);
        assertThat(validator.validate(token().notBefore(future).expiresAt(future.plusSeconds(300)).build()).hasErrors()).isTrue();
    }
}
