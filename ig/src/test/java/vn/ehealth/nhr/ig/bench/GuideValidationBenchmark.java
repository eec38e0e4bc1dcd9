package vn.ehealth.nhr.ig.bench;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.utilities.npm.NpmPackage;
import vn.ehealth.nhr.ig.NhrImplementationGuide;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import vn.ehealth.nhr.ig.GuideExamples;
import vn.ehealth.nhr.ig.validation.GuideValidation;
import vn.ehealth.nhr.ig.validation.GuideValidator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cost of holding a write to the guide, after warm-up (snapshots, terminology answers and FHIRPath
 * compiled and cached): one Patient, one discharge document Bundle. Targets: ≤ 5 ms and ≤ 50 ms
 * median on the 2-core build machine. Run: see ig/pom.xml, profile {@code benchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GuideValidationBenchmark {

    static final String PATIENT = "Patient-nguyen-van-an.json";
    static final String DISCHARGE_DOCUMENT = "Bundle-an-giay-ra-vien-2026.json";
    static final String CONDITION = "Condition-an-tang-huyet-ap.json";
    static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";

    private GuideValidator validator;
    private IBaseResource patient;
    private IBaseResource dischargeDocument;
    /** One Condition per ICD-10 code usable for anyone: a load sends many different codes, so answers are rarely cached. */
    private List<Condition> conditions;
    private int next;

    @Setup
    public void setUp() {
        FhirContext fhir = FhirContext.forR4();
        validator = GuideValidator.forShippedGuide(fhir);
        GuideExamples examples = GuideExamples.fromClasspath();
        patient = parse(fhir, examples, PATIENT);
        dischargeDocument = parse(fhir, examples, DISCHARGE_DOCUMENT);
        conditions = conditionsWithEveryIcd10Code(fhir, (Condition) parse(fhir, examples, CONDITION));
        for (IBaseResource r : new IBaseResource[] {patient, dischargeDocument, conditions.get(0), conditions.get(1)}) {
            GuideValidation result = validator.validate(r);
            if (result.hasErrors()) {
                throw new IllegalStateException("benchmark input does not conform: " + result.errors());
            }
        }
    }

    @Benchmark
    public GuideValidation validatePatient() {
        return validator.validate(patient);
    }

    @Benchmark
    public GuideValidation validateDischargeDocument() {
        return validator.validate(dischargeDocument);
    }

    /**
     * Condition with the next of ~8,000 ICD-10 codes (categories and subcategories without sex or age
     * limits), so the validator's answer cache rarely helps, as in a real load.
     */
    @Benchmark
    public GuideValidation validateConditionWithAnyIcd10Code() {
        Condition condition = conditions.get(next);
        next = (next + 1) % conditions.size();
        return validator.validate(condition);
    }

    private static List<Condition> conditionsWithEveryIcd10Code(FhirContext fhir, Condition template) {
        CodeSystem icd10;
        try {
            NpmPackage npm = NpmPackage.fromPackage(new ByteArrayInputStream(NhrImplementationGuide.packageBytes()));
            byte[] json = npm.getFolders().get("package").getContent().get("CodeSystem-icd10-vn.json");
            icd10 = fhir.newJsonParser().parseResource(CodeSystem.class, new String(json, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<Condition> out = new ArrayList<>();
        collect(icd10.getConcept(), template, out);
        if (out.size() < 1000) {
            throw new IllegalStateException("only " + out.size() + " ICD-10 codes found");
        }
        return out;
    }

    private static void collect(List<CodeSystem.ConceptDefinitionComponent> concepts, Condition template, List<Condition> out) {
        for (CodeSystem.ConceptDefinitionComponent c : concepts) {
            boolean usable = c.getProperty().stream().anyMatch(p -> p.getCode().equals("kind")
                    && List.of("category", "subcategory").contains(p.getValue().primitiveValue()))
                    && c.getProperty().stream().noneMatch(p -> List.of("sex", "age-min-days", "age-max-days",
                    "principal-diagnosis", "dual-classification").contains(p.getCode()));
            if (usable) {
                Condition copy = template.copy();
                copy.getCode().getCodingFirstRep().setSystem(ICD10).setCode(c.getCode()).setDisplay(c.getDisplay());
                out.add(copy);
            }
            collect(c.getConcept(), template, out);
        }
    }

    private static IBaseResource parse(FhirContext fhir, GuideExamples examples, String file) {
        byte[] json = examples.valid().get(file);
        if (json == null) {
            throw new IllegalStateException("example " + file + " is missing");
        }
        return fhir.newJsonParser().parseResource(new String(json, StandardCharsets.UTF_8));
    }
}
