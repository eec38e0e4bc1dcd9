package vn.ehealth.nhr.loaders.catalogue;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;

/** The date spellings found in the Ministry's catalogue files: ISO, Vietnamese day-first, and XML 130's yyyymmdd. */
final class CatalogueDates {

    private static final List<DateTimeFormatter> FORMATS = List.of(
            DateTimeFormatter.ofPattern("uuuu-MM-dd"),
            DateTimeFormatter.ofPattern("d/M/uuuu"),
            DateTimeFormatter.ofPattern("d-M-uuuu"),
            DateTimeFormatter.ofPattern("uuuuMMdd"))
            .stream().map(f -> f.withResolverStyle(ResolverStyle.STRICT)).toList();

    private CatalogueDates() {
    }

    /** The date, or null when the text matches none of the formats (or is not a real day, e.g. 31/02). */
    static LocalDate parse(String text) {
        for (DateTimeFormatter f : FORMATS) {
            try {
                return LocalDate.parse(text.strip(), f);
            } catch (DateTimeParseException e) {
                // try the next spelling
            }
        }
        return null;
    }
}
