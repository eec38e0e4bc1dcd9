package vn.ehealth.nhr.ig.bench;

import ca.uhn.fhir.context.FhirContext;
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

import java.nio.charset.StandardCharsets;
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

    private GuideValidator validator;
    private IBaseResource patient;
    private IBaseResource dischargeDocument;

    @Setup
    public void setUp() {
        FhirContext fhir = FhirContext.forR4();
        validator = GuideValidator.forShippedGuide(fhir);
        GuideExamples examples = GuideExamples.fromClasspath();
        patient = parse(fhir, examples, PATIENT);
        dischargeDocument = parse(fhir, examples, DISCHARGE_DOCUMENT);
        for (IBaseResource r : new IBaseResource[] {patient, dischargeDocument}) {
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

    private static IBaseResource parse(FhirContext fhir, GuideExamples examples, String file) {
        byte[] json = examples.valid().get(file);
        if (json == null) {
            throw new IllegalStateException("example " + file + " is missing");
        }
        return fhir.newJsonParser().parseResource(new String(json, StandardCharsets.UTF_8));
    }
}
