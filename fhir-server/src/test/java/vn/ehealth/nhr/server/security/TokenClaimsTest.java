package vn.ehealth.nhr.server.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import vn.ehealth.nhr.server.consent.Accessor;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The realm's claims decide who the caller is; a role without its claims names nobody. */
class TokenClaimsTest {

    private static Jwt.Builder jwt(String... roles) {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject("u").claim("roles", List.of(roles))
                .claim("scope", "openid user/*.rs");
    }

    @Test
    void eachRoleWithItsClaimsBecomesItsAccessor() {
        assertThat(TokenClaims.toAccessContext(jwt("citizen").claim("cccd", "001085012345").build(), null, null).accessor())
                .isEqualTo(Accessor.citizen("001085012345"));
        assertThat(TokenClaims.toAccessContext(jwt("clinician").claim("facility_code", "01001")
                .claim("practitioner_licence", "000123/HNO-CCHN").build(), null, null).accessor())
                .isEqualTo(Accessor.practitioner("000123/HNO-CCHN", "01001"));
        assertThat(TokenClaims.toAccessContext(jwt("emr-system").claim("facility_code", "79001").build(), null, null).accessor())
                .isEqualTo(Accessor.emrSystem("79001"));
        assertThat(TokenClaims.toAccessContext(jwt("analyst").build(), null, null).accessor()).isEqualTo(Accessor.analyst());
    }

    @Test
    void theMostPowerfulRoleDecidesAndARoleMissingItsClaimNamesNobody() {
        assertThat(TokenClaims.toAccessContext(jwt("citizen", "admin").claim("cccd", "001085012345").build(), null, null)
                .accessor()).isEqualTo(Accessor.administrator());
        assertThat(TokenClaims.toAccessContext(jwt("citizen").build(), null, null).accessor()).isNull();
        assertThat(TokenClaims.toAccessContext(jwt("clinician").claim("facility_code", "01001").build(), null, null)
                .accessor()).isNull();
        assertThat(TokenClaims.toAccessContext(jwt().build(), null, null).accessor()).isNull();
    }

    @Test
    void aDeclaredPurposeOfUseIsKeptUpperCased() {
        AccessContext c = TokenClaims.toAccessContext(jwt("clinician").claim("facility_code", "01001")
                .claim("practitioner_licence", "L").build(), "etreat", "hôn mê");
        assertThat(c.claimsEmergency()).isTrue();
        assertThat(c.emergencyJustification()).isEqualTo("hôn mê");
        assertThat(c.scopeContext()).isEqualTo(ScopeContext.USER);
    }
}
