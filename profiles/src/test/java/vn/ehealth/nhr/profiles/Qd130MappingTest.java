package vn.ehealth.nhr.profiles;

import ca.uhn.fhir.context.FhirContext;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every QĐ 130 mapping in the profiles names a column that exists in the field specification. */
class Qd130MappingTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void everyQd130MappingNamesARealColumnOfTheXmlTables() throws Exception {
        Set<String> columns = new HashSet<>();
        try (Reader in = new InputStreamReader(getClass().getClassLoader()
                .getResourceAsStream("nhr/qd130/xml130-fields.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                columns.add(r.get("table") + "." + r.get("field"));
            }
        }
        assertThat(columns).contains("XML1.SO_CCCD", "XML1.MA_BENH_CHINH", "XML2.MA_THUOC");

        List<String> unknown = new ArrayList<>();
        int mapped = 0;
        for (String file : NhrProfiles.CONTENT.files()) {
            if (!file.startsWith("StructureDefinition-")) {
                continue;
            }
            StructureDefinition sd = NhrProfiles.CONTENT.parse(FHIR, StructureDefinition.class, file);
            for (ElementDefinition e : sd.getDifferential().getElement()) {
                for (ElementDefinition.ElementDefinitionMappingComponent m : e.getMapping()) {
                    if (!"qd130".equals(m.getIdentity())) {
                        continue;
                    }
                    for (String column : m.getMap().split("\\s*[;,]\\s*")) {
                        mapped++;
                        if (!columns.contains(column.trim())) {
                            unknown.add(file + " " + e.getId() + " -> " + column);
                        }
                    }
                }
            }
        }
        assertThat(mapped).isGreaterThan(0);
        assertThat(unknown).as("QĐ 130 mappings naming columns the specification does not have").isEmpty();
    }
}
