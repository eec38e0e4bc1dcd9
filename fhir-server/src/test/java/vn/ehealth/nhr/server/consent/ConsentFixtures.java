package vn.ehealth.nhr.server.consent;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.Instant;

/** The guide's examples and realistic variations of them, for the consent-rules tests. */
final class ConsentFixtures {

    static final FhirContext FHIR = FhirContext.forR4Cached();

    static final String AN_CCCD = "001085012345";
    static final String BICH_CCCD = "079301004567";
    static final String BACH_MAI = "01001";
    static final String CHO_RAY = "79001";
    static final String DR_DUNG = "004567/HCM-CCHN";

    static final RecordOwner AN = new RecordOwner("nguyen-van-an", AN_CCCD);
    static final RecordOwner BICH = new RecordOwner("tran-thi-bich", BICH_CCCD);

    private ConsentFixtures() {
    }

    static <T extends IBaseResource> T example(Class<T> type, String file) {
        String path = "nhr/examples/valid/" + file;
        try (InputStream in = ConsentFixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing example " + path);
            }
            return FHIR.newJsonParser().parseResource(type, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Consent anPermitsBachMai() {
        return example(Consent.class, "Consent-an-cho-phep-bach-mai.json");
    }

    static Consent anPermitsDrDungExceptSensitive() {
        return example(Consent.class, "Consent-an-cho-phep-bs-dung-tru-du-lieu-nhay-cam.json");
    }

    static Consent bichDeniesChoRayReproductiveHealth() {
        return example(Consent.class, "Consent-bich-tu-choi-cho-ray-suc-khoe-sinh-san.json");
    }

    /** Bích permits Chợ Rẫy her whole record from 01/11/2026 (a second consent, written for the tests). */
    static Consent bichPermitsChoRayAll() {
        Consent c = bichDeniesChoRayReproductiveHealth();
        c.setId("bich-cho-phep-cho-ray");
        c.setDateTimeElement(new org.hl7.fhir.r4.model.DateTimeType("2026-11-01T10:00:00+07:00"));
        c.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
        c.getProvision().getPeriod().setStartElement(new org.hl7.fhir.r4.model.DateTimeType("2026-11-01"));
        c.getProvision().getCodeFirstRep().getCodingFirstRep().setCode("all").setDisplay("Toàn bộ hồ sơ sức khỏe");
        return c;
    }

    /** An's Encounter at Bạch Mai (the guide's example; no meta.source: written before the source rule). */
    static IBaseResource anEncounter() {
        return example(org.hl7.fhir.r4.model.Encounter.class, "Encounter-an-2026-noi-tru.json");
    }

    static Condition anPneumonia() {
        return example(Condition.class, "Condition-an-viem-phoi.json");
    }

    /** An's depressive episode, F32.1, diagnosed at Bạch Mai. */
    static Condition anDepression() {
        Condition c = example(Condition.class, "Condition-an-tang-huyet-ap.json");
        c.setId("an-tram-cam");
        c.setCode(icd10("F32.1", "Giai đoạn trầm cảm vừa"));
        return c;
    }

    static Condition bichGastroenteritis() {
        return example(Condition.class, "Condition-bich-viem-da-day-ruot.json");
    }

    /** Bích's spontaneous delivery, O80 (reproductive health). */
    static Condition bichDelivery() {
        Condition c = bichGastroenteritis();
        c.setId("bich-sinh-thuong");
        c.setCode(icd10("O80", "Đẻ thường một thai"));
        return c;
    }

    static CodeableConcept icd10(String code, String display) {
        return new CodeableConcept(new Coding("http://hl7.org/fhir/sid/icd-10", code, display));
    }

    /** A moment in Hà Nội time. */
    static Instant at(String isoOffsetDateTime) {
        return OffsetDateTime.parse(isoOffsetDateTime).toInstant();
    }
}
