package vn.ehealth.nhr.loaders.xml130;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import vn.ehealth.nhr.terminology.AdministrativeUnits;
import vn.ehealth.nhr.terminology.ConformanceResourceFolder;
import vn.ehealth.nhr.terminology.Icd10Vn;
import vn.ehealth.nhr.terminology.NhrTerminology;
import vn.ehealth.nhr.terminology.TechnicalServices;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The national catalogues the mapping checks codes against before anything is sent, so that a
 * refusal names the XML column (not a FHIRPath the hospital never wrote): ICD-10 (QĐ 4469),
 * administrative units, technical services and their ICD-9-CM map, and the small QĐ 130 code lists.
 * Built once from the catalogues shipped in the terminology module (about a second).
 */
public final class Xml130Catalogues {

    /** A code's display and, for administrative units, its level and parent. */
    public record Concept(String code, String display, String level, String parent) {
    }

    private static volatile Xml130Catalogues shipped;

    private final Map<String, Concept> icd10 = new HashMap<>();
    private final Map<String, Concept> adminUnits = new HashMap<>();
    private final Map<String, Concept> technicalServices = new HashMap<>();
    private final Map<String, String> technicalServiceToIcd9 = new HashMap<>();
    private final Map<String, Concept> icd9 = new HashMap<>();
    private final Map<String, Map<String, Concept>> small = new HashMap<>();

    /** The catalogues shipped with the guide (parsed on first use, then shared). */
    public static Xml130Catalogues shipped() {
        Xml130Catalogues c = shipped;
        if (c == null) {
            synchronized (Xml130Catalogues.class) {
                if (shipped == null) {
                    shipped = new Xml130Catalogues(FhirContext.forR4Cached());
                }
                c = shipped;
            }
        }
        return c;
    }

    private Xml130Catalogues(FhirContext fhir) {
        for (Concept c : flatten(Icd10Vn.codeSystem(fhir), Icd10Vn.PROPERTY_KIND)) {
            if ("category".equals(c.level()) || "subcategory".equals(c.level())) {
                icd10.put(c.code(), c);
            }
        }
        for (Concept c : flatten(AdministrativeUnits.parse(fhir), AdministrativeUnits.PROPERTY_LEVEL)) {
            adminUnits.put(c.code(), c);
        }
        for (Concept c : flatten(TechnicalServices.codeSystem(fhir), null)) {
            technicalServices.put(c.code(), c);
        }
        for (Concept c : flatten(TechnicalServices.icd9CodeSystem(fhir), null)) {
            icd9.put(c.code(), c);
        }
        ConceptMap map = TechnicalServices.conceptMap(fhir);
        map.getGroup().forEach(g -> g.getElement().forEach(e -> e.getTarget().stream().findFirst()
                .ifPresent(t -> technicalServiceToIcd9.put(e.getCode(), t.getCode()))));
        List<String> files = List.of("CodeSystem-vn-ethnic-group.json", "CodeSystem-vn-encounter-type.json",
                "CodeSystem-vn-treatment-result.json", "CodeSystem-vn-discharge-type.json", "CodeSystem-vn-occupation.json");
        ConformanceResourceFolder folder = new ConformanceResourceFolder("nhr/terminology", files);
        for (String file : files) {
            CodeSystem cs = folder.parse(fhir, CodeSystem.class, file);
            Map<String, Concept> codes = new HashMap<>();
            flatten(cs, null).forEach(c -> codes.put(c.code(), c));
            small.put(cs.getUrl(), codes);
        }
    }

    private static List<Concept> flatten(CodeSystem cs, String levelProperty) {
        List<Concept> out = new java.util.ArrayList<>();
        Deque<Object[]> pending = new ArrayDeque<>();
        cs.getConcept().forEach(c -> pending.push(new Object[] {c, null}));
        while (!pending.isEmpty()) {
            Object[] item = pending.pop();
            CodeSystem.ConceptDefinitionComponent c = (CodeSystem.ConceptDefinitionComponent) item[0];
            String level = levelProperty == null ? null : c.getProperty().stream()
                    .filter(p -> levelProperty.equals(p.getCode())).findFirst()
                    .map(p -> p.getValue().primitiveValue()).orElse(null);
            out.add(new Concept(c.getCode(), c.getDisplay(), level, (String) item[1]));
            c.getConcept().forEach(child -> pending.push(new Object[] {child, c.getCode()}));
        }
        return out;
    }

    /** An ICD-10 code usable as a diagnosis (category or subcategory), by its dotted form. */
    public Optional<Concept> icd10(String dotted) {
        return Optional.ofNullable(icd10.get(dotted));
    }

    public Optional<Concept> adminUnit(String code) {
        return Optional.ofNullable(adminUnits.get(code));
    }

    public Optional<Concept> technicalService(String code) {
        return Optional.ofNullable(technicalServices.get(code));
    }

    /** The ICD-9-CM procedure the Ministry maps a technical service to (2020 map), if any. */
    public Optional<String> icd9For(String technicalService) {
        return Optional.ofNullable(technicalServiceToIcd9.get(technicalService));
    }

    public Optional<Concept> icd9(String code) {
        return Optional.ofNullable(icd9.get(code));
    }

    public Optional<Concept> ethnicGroup(String code) {
        return code(NhrTerminology.ETHNIC_GROUP_SYSTEM, code);
    }

    public Optional<Concept> encounterType(String code) {
        return code(NhrTerminology.ENCOUNTER_TYPE_SYSTEM, code);
    }

    public Optional<Concept> treatmentResult(String code) {
        return code(NhrTerminology.TREATMENT_RESULT_SYSTEM, code);
    }

    public Optional<Concept> dischargeType(String code) {
        return code(NhrTerminology.DISCHARGE_TYPE_SYSTEM, code);
    }

    public Optional<Concept> occupation(String code) {
        return code(NhrTerminology.OCCUPATION_SYSTEM, code);
    }

    private Optional<Concept> code(String system, String code) {
        return Optional.ofNullable(small.getOrDefault(system, Map.of()).get(code));
    }
}
