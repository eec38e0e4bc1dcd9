package vn.ehealth.nhr.server.operations.summary;

import ca.uhn.fhir.jpa.ips.api.IpsContext;
import ca.uhn.fhir.jpa.ips.api.IpsSectionContext;
import ca.uhn.fhir.jpa.ips.api.Section;
import ca.uhn.fhir.jpa.ips.jpa.DefaultJpaIpsGenerationStrategy;
import ca.uhn.fhir.jpa.ips.jpa.JpaSectionSearchStrategy;
import ca.uhn.fhir.jpa.ips.jpa.JpaSectionSearchStrategyCollection;
import ca.uhn.fhir.jpa.ips.jpa.section.AllergyIntoleranceJpaSectionSearchStrategy;
import ca.uhn.fhir.jpa.ips.jpa.section.DiagnosticResultsJpaSectionSearchStrategyDiagnosticReport;
import ca.uhn.fhir.jpa.ips.jpa.section.DiagnosticResultsJpaSectionSearchStrategyObservation;
import ca.uhn.fhir.jpa.ips.jpa.section.ImmunizationsJpaSectionSearchStrategy;
import ca.uhn.fhir.jpa.ips.jpa.section.MedicationSummaryJpaSectionSearchStrategyMedicationRequest;
import ca.uhn.fhir.jpa.ips.jpa.section.MedicationSummaryJpaSectionSearchStrategyMedicationStatement;
import ca.uhn.fhir.jpa.ips.jpa.section.ProblemListJpaSectionSearchStrategy;
import ca.uhn.fhir.jpa.ips.jpa.section.VitalSignsJpaSectionSearchStrategy;
import ca.uhn.fhir.jpa.ips.strategy.AllergyIntoleranceNoInfoR4Generator;
import ca.uhn.fhir.jpa.ips.strategy.MedicationNoInfoR4Generator;
import ca.uhn.fhir.jpa.ips.strategy.ProblemNoInfoR4Generator;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.TokenParam;
import jakarta.annotation.Nonnull;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The citizen's health-record summary ({@code Patient/$summary}) as HAPI's patient-summary
 * generator builds it, with the sections of the personal health-record template of QĐ 831/QĐ-BYT
 * (identity is the document's subject), Vietnamese titles and Vietnamese narratives
 * ({@link SectionNarratives}, templates {@code nhr/summary/*.html}). Every section is read with the caller's request, so
 * the consent rules filter it like any search.
 */
public class HealthRecordSummaryStrategy extends DefaultJpaIpsGenerationStrategy {

    /** Section profiles: HAPI keys sections and their narrative templates by them. */
    static final String SECTION_BASE = "http://fhir.ehealth.gov.vn/nhr/summary/section/";
    static final String LOINC = "http://loinc.org";
    /** Encounters within this many years count as recent. */
    static final int RECENT_YEARS = 2;
    static final String DISCHARGE_SUMMARY_LOINC = "18842-5";
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final SectionNarratives narratives = new SectionNarratives();
    /** Section LOINC code → its narrative template ({@code nhr/summary/<template>.html}). */
    private final Map<String, String> templateBySectionCode = new HashMap<>();

    @Override
    protected void addSections() {
        addJpaSection(section("allergies", "allergies", "Tiền sử dị ứng", SECTION_CODE_ALLERGY_INTOLERANCE,
                        "Allergies and adverse reactions Document", new AllergyIntoleranceNoInfoR4Generator(), AllergyIntolerance.class),
                JpaSectionSearchStrategyCollection.newBuilder()
                        .addStrategy(AllergyIntolerance.class, SynchronousSectionSearch.of(new AllergyIntoleranceJpaSectionSearchStrategy())).build());
        addJpaSection(section("problems", "problems", "Bệnh mạn tính và các vấn đề sức khỏe", SECTION_CODE_PROBLEM_LIST,
                        "Problem list - Reported", new ProblemNoInfoR4Generator(), Condition.class),
                JpaSectionSearchStrategyCollection.newBuilder()
                        .addStrategy(Condition.class, SynchronousSectionSearch.of(new ProblemListJpaSectionSearchStrategy())).build());
        addJpaSection(section("immunizations", "immunizations", "Lịch sử tiêm chủng", SECTION_CODE_IMMUNIZATIONS,
                        "History of Immunization Narrative", null, Immunization.class),
                JpaSectionSearchStrategyCollection.newBuilder()
                        .addStrategy(Immunization.class, SynchronousSectionSearch.of(new ImmunizationsJpaSectionSearchStrategy())).build());
        addJpaSection(section("medications", "medications", "Thuốc đang sử dụng", SECTION_CODE_MEDICATION_SUMMARY,
                        "History of Medication use Narrative", new MedicationNoInfoR4Generator(),
                        MedicationRequest.class, MedicationStatement.class),
                JpaSectionSearchStrategyCollection.newBuilder()
                        .addStrategy(MedicationRequest.class, SynchronousSectionSearch.of(new MedicationSummaryJpaSectionSearchStrategyMedicationRequest()))
                        .addStrategy(MedicationStatement.class, SynchronousSectionSearch.of(new MedicationSummaryJpaSectionSearchStrategyMedicationStatement()))
                        .build());
        addJpaSection(section("encounters", "encounters", "Các lần khám chữa bệnh gần đây", "46240-8",
                        "History of Hospitalizations+Outpatient visits Narrative", null, Encounter.class, Composition.class),
                JpaSectionSearchStrategyCollection.newBuilder()
                        .addStrategy(Encounter.class, SynchronousSectionSearch.of(new RecentEncounters()))
                        .addStrategy(Composition.class, SynchronousSectionSearch.of(new DischargeSummaries()))
                        .build());
        addJpaSection(section("vital-signs", "observations", "Dấu hiệu sinh tồn", SECTION_CODE_VITAL_SIGNS,
                        "Vital signs", null, Observation.class),
                JpaSectionSearchStrategyCollection.newBuilder()
                        .addStrategy(Observation.class, SynchronousSectionSearch.of(new VitalSignsJpaSectionSearchStrategy())).build());
        addJpaSection(section("results", "observations", "Kết quả xét nghiệm, cận lâm sàng", SECTION_CODE_DIAGNOSTIC_RESULTS,
                        "Relevant diagnostic tests/laboratory data Narrative", null, DiagnosticReport.class, Observation.class),
                JpaSectionSearchStrategyCollection.newBuilder()
                        .addStrategy(DiagnosticReport.class, SynchronousSectionSearch.of(new DiagnosticResultsJpaSectionSearchStrategyDiagnosticReport()))
                        .addStrategy(Observation.class, SynchronousSectionSearch.of(new DiagnosticResultsJpaSectionSearchStrategyObservation()))
                        .build());
    }

    @SafeVarargs
    private Section section(String key, String template, String title, String loinc, String loincDisplay,
            ca.uhn.fhir.jpa.ips.api.INoInfoGenerator noInfo, Class<? extends IBaseResource>... types) {
        templateBySectionCode.put(loinc, template);
        Section.SectionBuilder b = Section.newBuilder().withTitle(title).withSectionSystem(LOINC).withSectionCode(loinc)
                .withSectionDisplay(loincDisplay).withProfile(SECTION_BASE + key).withNoInfoGenerator(noInfo);
        for (Class<? extends IBaseResource> type : types) {
            b.withResourceType(type);
        }
        return b.build();
    }

    /** None: HAPI's generator would rebuild its template engine per section; {@link SectionNarratives} writes them. */
    @Override
    public List<String> getNarrativePropertyFiles() {
        return List.of();
    }

    @Override
    public void postManipulateIpsBundle(IBaseBundle document) {
        narratives.fill((Bundle) document, templateBySectionCode);
    }

    @Override
    public IBaseResource createAuthor() {
        Organization author = new Organization();
        author.setName("Bộ Y tế — Hệ thống Hồ sơ sức khỏe điện tử quốc gia");
        author.addIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("https://moh.gov.vn"));
        author.setId(IdType.newRandomUuid());
        return author;
    }

    @Override
    public String createTitle(IpsContext context) {
        return "Tóm tắt hồ sơ sức khỏe ngày " + DateTimeFormatter.ofPattern("dd/MM/yyyy").format(LocalDate.now(VIETNAM));
    }

    /** Visits of the last {@link #RECENT_YEARS} years, newest first. */
    static final class RecentEncounters extends JpaSectionSearchStrategy<Encounter> {
        @Override
        public void massageResourceSearch(@Nonnull IpsSectionContext<Encounter> context, @Nonnull SearchParameterMap map) {
            map.add(Encounter.SP_DATE, new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS,
                    LocalDate.now(VIETNAM).minusYears(RECENT_YEARS).toString()));
            map.setSort(new ca.uhn.fhir.rest.api.SortSpec(Encounter.SP_DATE).setOrder(ca.uhn.fhir.rest.api.SortOrderEnum.DESC));
        }

        @Override
        public boolean shouldInclude(@Nonnull IpsSectionContext<Encounter> context, @Nonnull Encounter candidate) {
            return candidate.getStatus() != Encounter.EncounterStatus.ENTEREDINERROR
                    && candidate.getStatus() != Encounter.EncounterStatus.CANCELLED;
        }
    }

    /** The discharge papers (LOINC 18842-5) of those visits. */
    static final class DischargeSummaries extends JpaSectionSearchStrategy<Composition> {
        @Override
        public void massageResourceSearch(@Nonnull IpsSectionContext<Composition> context, @Nonnull SearchParameterMap map) {
            map.add(Composition.SP_TYPE, new TokenParam(LOINC, DISCHARGE_SUMMARY_LOINC));
        }

        @Override
        public boolean shouldInclude(@Nonnull IpsSectionContext<Composition> context, @Nonnull Composition candidate) {
            return candidate.getStatus() != Composition.CompositionStatus.ENTEREDINERROR;
        }
    }
}
