package vn.ehealth.nhr.loaders.xml130;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

/** The value formats of QĐ 130: times {@code yyyyMMddHHmm} in Vietnam's time, dates {@code yyyyMMdd}, lists with ";". */
final class Xml130Values {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final TimeZone VIETNAM_TZ = TimeZone.getTimeZone(VIETNAM);

    private Xml130Values() {
    }

    /** A {@code yyyyMMddHHmm} time, to the second with +07:00 (FHIR dateTime needs seconds); null when not such a time. */
    static LocalDateTime time(String value) {
        if (value == null || !value.matches("\\d{12}")) {
            return null;
        }
        try {
            return LocalDateTime.of(num(value, 0, 4), num(value, 4, 6), num(value, 6, 8), num(value, 8, 10), num(value, 10, 12));
        } catch (DateTimeException e) {
            return null;
        }
    }

    static DateTimeType dateTime(LocalDateTime t) {
        Date instant = Date.from(t.atZone(VIETNAM).toInstant());
        DateTimeType d = new DateTimeType(instant, TemporalPrecisionEnum.SECOND, VIETNAM_TZ);
        return d;
    }

    /** A {@code yyyyMMdd} date; null when not such a date. */
    static LocalDate date(String value) {
        if (value == null || !value.matches("\\d{8}")) {
            return null;
        }
        try {
            return LocalDate.of(num(value, 0, 4), num(value, 4, 6), num(value, 6, 8));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A birth date as written in NGAY_SINH: year, year-month or full date, with an optional time of birth. */
    record BirthDate(DateType date, LocalDateTime time, LocalDate earliest) {
    }

    /**
     * NGAY_SINH: 12 characters {@code yyyyMMddHHmm}, with {@code 00} for an unknown month/day and
     * {@code 0000} for an unknown time (8 characters, without time, also read); null when malformed.
     */
    static BirthDate birthDate(String value) {
        if (value == null || !(value.matches("\\d{12}") || value.matches("\\d{8}"))) {
            return null;
        }
        int year = num(value, 0, 4);
        int month = num(value, 4, 6);
        int day = num(value, 6, 8);
        try {
            if (month == 0) {
                return day == 0 ? new BirthDate(new DateType(String.format("%04d", year)), null, LocalDate.of(year, 1, 1)) : null;
            }
            if (day == 0) {
                LocalDate first = LocalDate.of(year, month, 1);
                return new BirthDate(new DateType(String.format("%04d-%02d", year, month)), null, first);
            }
            LocalDate date = LocalDate.of(year, month, day);
            LocalDateTime time = null;
            if (value.length() == 12 && !value.endsWith("0000")) {
                time = LocalDateTime.of(date, java.time.LocalTime.of(num(value, 8, 10), num(value, 10, 12)));
            }
            return new BirthDate(new DateType(date.toString()), time, date);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A decimal as hospitals write it ("1.5", "1,5"); null when not a number. */
    static BigDecimal number(String value) {
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The items of a ";"-separated list, trimmed, without empty ones. */
    static List<String> list(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(";")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static int num(String s, int from, int to) {
        return Integer.parseInt(s.substring(from, to));
    }
}
