package vn.ehealth.nhr.server.consent;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Period;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Whether a provision's period covers the moment of access. Dates without a time ("2027-11-25")
 * are days in Viet Nam's time zone and include the whole day; so a consent "until 25/11/2027"
 * ends at midnight between the 25th and the 26th, Hà Nội time.
 */
final class ConsentPeriods {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private ConsentPeriods() {
    }

    /** True when the period (no period: always) covers {@code at}; a missing start or end is open. */
    static boolean covers(Period period, Instant at) {
        if (period == null || period.isEmpty()) {
            return true;
        }
        if (period.hasStart() && at.isBefore(lowerBound(period.getStartElement()))) {
            return false;
        }
        return !period.hasEnd() || at.isBefore(upperBoundExclusive(period.getEndElement()));
    }

    /** "26/11/2026–25/11/2027" as the citizen reads it; an open end is "…". */
    static String describe(Period period) {
        if (period == null || period.isEmpty()) {
            return "không thời hạn / no time limit";
        }
        return (period.hasStart() ? text(period.getStartElement()) : "…") + "–"
                + (period.hasEnd() ? text(period.getEndElement()) : "…");
    }

    private static Instant lowerBound(DateTimeType d) {
        if (d.getPrecision().ordinal() <= TemporalPrecisionEnum.DAY.ordinal()) {
            return day(d).atStartOfDay(VIETNAM).toInstant();
        }
        return d.getValue().toInstant();
    }

    private static Instant upperBoundExclusive(DateTimeType d) {
        TemporalPrecisionEnum p = d.getPrecision();
        if (p.ordinal() <= TemporalPrecisionEnum.DAY.ordinal()) {
            LocalDate first = day(d);
            LocalDate next = switch (p) {
                case YEAR -> first.plusYears(1);
                case MONTH -> first.plusMonths(1);
                default -> first.plusDays(1);
            };
            return next.atStartOfDay(VIETNAM).toInstant();
        }
        return d.getValue().toInstant().plusMillis(1);
    }

    /** The first day the value denotes, read from its text so the JVM's zone plays no part. */
    private static LocalDate day(DateTimeType d) {
        String s = d.getValueAsString();
        int year = Integer.parseInt(s.substring(0, 4));
        int month = s.length() >= 7 ? Integer.parseInt(s.substring(5, 7)) : 1;
        int dayOfMonth = s.length() >= 10 ? Integer.parseInt(s.substring(8, 10)) : 1;
        return LocalDate.of(year, month, dayOfMonth);
    }

    private static String text(DateTimeType d) {
        String s = d.getValueAsString();
        if (s.length() >= 10) {
            return s.substring(8, 10) + "/" + s.substring(5, 7) + "/" + s.substring(0, 4);
        }
        return s;
    }
}
