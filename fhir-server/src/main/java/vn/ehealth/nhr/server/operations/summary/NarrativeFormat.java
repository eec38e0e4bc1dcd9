package vn.ehealth.nhr.server.operations.summary;

import org.hl7.fhir.r4.model.Age;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the summary's templates print, in Vietnamese: codes as their text or display, dates as
 * Vietnamese write them (in Viet Nam's time zone, to the precision recorded), statuses as words a
 * citizen reads. References resolve inside the summary document, never to the database.
 */
public final class NarrativeFormat {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String ABSENT_UNKNOWN = "http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips";

    /** The IPS "no information" statements HAPI writes into empty sections, in Vietnamese. */
    private static final Map<String, String> NO_INFORMATION = Map.of(
            "no-allergy-info", "Không có thông tin về dị ứng",
            "no-problem-info", "Không có thông tin về bệnh, vấn đề sức khỏe",
            "no-medication-info", "Không có thông tin về thuốc đang sử dụng");

    private static final Map<String, String> CLINICAL_STATUS = Map.of(
            "active", "đang mắc",
            "recurrence", "tái phát",
            "relapse", "tái phát",
            "inactive", "không còn",
            "remission", "thuyên giảm",
            "resolved", "đã khỏi");

    private static final Map<String, String> STATUS = Map.ofEntries(
            Map.entry("active", "đang dùng"),
            Map.entry("on-hold", "tạm ngừng"),
            Map.entry("cancelled", "đã hủy"),
            Map.entry("completed", "đã hoàn tất"),
            Map.entry("entered-in-error", "nhập nhầm"),
            Map.entry("stopped", "đã ngừng"),
            Map.entry("draft", "bản nháp"),
            Map.entry("intended", "dự định dùng"),
            Map.entry("not-taken", "không dùng"),
            Map.entry("not-done", "không thực hiện"),
            Map.entry("unknown", "không rõ"));

    private static final Map<String, String> CRITICALITY = Map.of(
            "low", "thấp",
            "high", "cao",
            "unable-to-assess", "không đánh giá được");

    private final Map<String, Resource> document;

    NarrativeFormat(Map<String, Resource> document) {
        this.document = document;
    }

    /** A code as people read it: its text, else the first display, else the code. */
    public String concept(CodeableConcept concept) {
        if (concept == null || concept.isEmpty()) {
            return "";
        }
        for (Coding coding : concept.getCoding()) {
            if (ABSENT_UNKNOWN.equals(coding.getSystem()) && NO_INFORMATION.containsKey(coding.getCode())) {
                return NO_INFORMATION.get(coding.getCode());
            }
        }
        if (concept.hasText()) {
            return concept.getText();
        }
        return concept.getCoding().stream().map(c -> c.hasDisplay() ? c.getDisplay() : c.getCode())
                .filter(Objects::nonNull).findFirst().orElse("");
    }

    public String firstConcept(List<CodeableConcept> concepts) {
        return concepts == null || concepts.isEmpty() ? "" : concept(concepts.get(0));
    }

    /** A diagnosis: each coding's code and name ({@code J18.9 Viêm phổi…}), then the facility's own words. */
    public String diagnosis(CodeableConcept code) {
        if (code == null) {
            return "";
        }
        String coded = code.getCoding().stream()
                .map(c -> join(" ", c.getCode(), c.getDisplay()))
                .collect(Collectors.joining("; "));
        return code.hasText() && !code.getText().equals(coded) ? join(" ", coded, "(" + code.getText() + ")") : coded;
    }

    public String clinicalStatus(CodeableConcept status) {
        return translated(status, CLINICAL_STATUS);
    }

    public String status(PrimitiveType<?> status) {
        return status == null || !status.hasValue() ? "" : STATUS.getOrDefault(status.getValueAsString(), status.getValueAsString());
    }

    public String criticality(AllergyIntolerance allergy) {
        return allergy.hasCriticality() ? CRITICALITY.get(allergy.getCriticality().toCode()) : "";
    }

    public String reactions(AllergyIntolerance allergy) {
        return allergy.getReaction().stream().flatMap(r -> r.getManifestation().stream()).map(this::concept)
                .collect(Collectors.joining(", "));
    }

    /** A date, a period, an age or a text, as written in Viet Nam. */
    public String time(Type value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (value instanceof BaseDateTimeType date) {
            return date(date);
        }
        if (value instanceof Period period) {
            String start = period.hasStart() ? date(period.getStartElement()) : "";
            String end = period.hasEnd() ? date(period.getEndElement()) : "";
            return end.isEmpty() || end.equals(start) ? start : start + " – " + end;
        }
        if (value instanceof Age age) {
            return number(age.getValue()) + " tuổi";
        }
        return value.primitiveValue() == null ? "" : value.primitiveValue();
    }

    /** An observation's value without its unit (the unit has its own column). */
    public String value(Type value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (value instanceof Quantity quantity) {
            return (quantity.hasComparator() ? quantity.getComparator().toCode() : "") + number(quantity.getValue());
        }
        if (value instanceof CodeableConcept concept) {
            return concept(concept);
        }
        if (value instanceof BooleanType bool) {
            return bool.booleanValue() ? "có" : "không";
        }
        if (value instanceof Range range) {
            return number(range.getLow().getValue()) + " – " + number(range.getHigh().getValue());
        }
        if (value instanceof BaseDateTimeType || value instanceof Period) {
            return time(value);
        }
        return value.primitiveValue() == null ? "" : value.primitiveValue();
    }

    public String unit(Type value) {
        if (value instanceof Quantity quantity) {
            return quantity.hasUnit() ? quantity.getUnit() : Objects.toString(quantity.getCode(), "");
        }
        return "";
    }

    public String referenceRanges(Observation observation) {
        return observation.getReferenceRange().stream().map(r -> {
            if (r.hasText()) {
                return r.getText();
            }
            String low = r.hasLow() ? number(r.getLow().getValue()) : "";
            String high = r.hasHigh() ? number(r.getHigh().getValue()) : "";
            return low + " – " + high;
        }).collect(Collectors.joining("; "));
    }

    public String medication(Resource request) {
        Type medication = request instanceof MedicationRequest r ? r.getMedication()
                : request instanceof MedicationStatement s ? s.getMedication() : null;
        if (medication instanceof CodeableConcept concept) {
            return concept(concept);
        }
        if (medication instanceof Reference reference) {
            if (document.get(reference.getReference()) instanceof Medication resolved) {
                return concept(resolved.getCode());
            }
            return Objects.toString(reference.getDisplay(), "");
        }
        return "";
    }

    public String dosage(List<Dosage> dosages) {
        return dosages.stream().map(Dosage::getText).filter(Objects::nonNull).collect(Collectors.joining("; "));
    }

    public String doses(Immunization immunization) {
        return immunization.getProtocolApplied().stream()
                .map(p -> p.hasDoseNumber() ? "mũi " + p.getDoseNumber().primitiveValue() : null)
                .filter(Objects::nonNull).collect(Collectors.joining(", "));
    }

    /** A facility: the reference's display, else the Organization in the document, else its code. */
    public String facility(Reference reference) {
        if (reference == null || reference.isEmpty()) {
            return "";
        }
        if (reference.hasDisplay()) {
            return reference.getDisplay();
        }
        if (reference.hasReference() && document.get(reference.getReference()) instanceof Organization organization) {
            return organization.getName();
        }
        return Objects.toString(reference.getIdentifier().getValue(), "");
    }

    public String notes(List<Annotation> notes) {
        return notes.stream().map(Annotation::getText).filter(Objects::nonNull).collect(Collectors.joining("; "));
    }

    private String translated(CodeableConcept concept, Map<String, String> words) {
        if (concept == null || concept.isEmpty()) {
            return "";
        }
        Function<Coding, String> word = c -> words.getOrDefault(c.getCode(), c.hasDisplay() ? c.getDisplay() : c.getCode());
        return concept.getCoding().stream().map(word).filter(Objects::nonNull).findFirst().orElse(concept(concept));
    }

    private static String date(BaseDateTimeType date) {
        if (!date.hasValue()) {
            return "";
        }
        return switch (date.getPrecision()) {
            case YEAR -> String.format("%04d", date.getYear());
            case MONTH -> String.format("%02d/%04d", date.getMonth() + 1, date.getYear());
            case DAY -> String.format("%02d/%02d/%04d", date.getDay(), date.getMonth() + 1, date.getYear());
            default -> DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
                    .format(ZonedDateTime.ofInstant(date.getValue().toInstant(), VIETNAM));
        };
    }

    private static String number(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString().replace('.', ',');
    }

    private static String join(String separator, String... parts) {
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                out.append(out.isEmpty() ? "" : separator).append(part);
            }
        }
        return out.toString();
    }
}
