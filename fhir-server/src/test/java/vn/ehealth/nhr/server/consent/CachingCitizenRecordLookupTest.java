package vn.ehealth.nhr.server.consent;

import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CachingCitizenRecordLookupTest {

    private final CachingCitizenRecordLookup.ConsentsExpiry expiry =
            new CachingCitizenRecordLookup.ConsentsExpiry(Duration.ofSeconds(30), Duration.ofMinutes(5));

    @Test
    void aCitizensConsentsAreKeptBrieflyAndTheirAbsenceLonger() {
        assertThat(expiry.expireAfterCreate("an", List.of(new Consent()), 0)).isEqualTo(Duration.ofSeconds(30).toNanos());
        // a stale "no Consent" can only refuse what another replica's new Consent permits, never show anything
        assertThat(expiry.expireAfterCreate("bich", List.of(), 0)).isEqualTo(Duration.ofMinutes(5).toNanos());
        assertThat(expiry.expireAfterUpdate("bich", List.of(new Consent()), 0, 1)).isEqualTo(Duration.ofSeconds(30).toNanos());
    }

    @Test
    void readingDoesNotProlongAnEntry() {
        long left = Duration.ofSeconds(12).toNanos();
        assertThat(expiry.expireAfterRead("an", List.of(new Consent()), 0, left)).isEqualTo(left);
    }
}
