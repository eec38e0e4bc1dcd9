package vn.ehealth.nhr.loaders.synthetic;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CodeSystem;
import vn.ehealth.nhr.terminology.AdministrativeUnits;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Provinces, districts and communes of the shipped administrative-units list (2024), so every
 * generated address and facility uses real codes that the national value sets accept.
 */
final class Geography {

    record Commune(String provinceCode, String provinceName, String districtCode, String districtName,
                   String communeCode, String communeName) {
    }

    record Province(String code, String name, List<Commune> communes) {
    }

    private final List<Province> provinces;

    private Geography(List<Province> provinces) {
        this.provinces = provinces;
    }

    static Geography shipped(FhirContext fhir) {
        String path = "nhr/terminology/" + AdministrativeUnits.CODE_SYSTEM_FILE;
        try (InputStream in = Geography.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the classpath (module nhr-terminology)");
            }
            CodeSystem units = fhir.newJsonParser().parseResource(CodeSystem.class, in);
            List<Province> provinces = new ArrayList<>();
            for (CodeSystem.ConceptDefinitionComponent p : units.getConcept()) {
                List<Commune> communes = new ArrayList<>();
                for (CodeSystem.ConceptDefinitionComponent d : p.getConcept()) {
                    for (CodeSystem.ConceptDefinitionComponent c : d.getConcept()) {
                        communes.add(new Commune(p.getCode(), p.getDisplay(), d.getCode(), d.getDisplay(), c.getCode(), c.getDisplay()));
                    }
                }
                if (!communes.isEmpty()) {
                    provinces.add(new Province(p.getCode(), p.getDisplay(), List.copyOf(communes)));
                }
            }
            return new Geography(List.copyOf(provinces));
        } catch (IOException e) {
            throw new UncheckedIOException(path, e);
        }
    }

    List<Province> provinces() {
        return provinces;
    }

    /** A commune, its province drawn with probability proportional to its number of communes (a proxy for size). */
    Commune anyCommune(Random random) {
        Province p = provinces.get(random.nextInt(provinces.size()));
        Province q = provinces.get(random.nextInt(provinces.size()));
        Province bigger = p.communes().size() >= q.communes().size() ? p : q;
        return bigger.communes().get(random.nextInt(bigger.communes().size()));
    }
}
