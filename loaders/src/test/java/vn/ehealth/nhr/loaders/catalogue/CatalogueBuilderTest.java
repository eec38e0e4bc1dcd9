package vn.ehealth.nhr.loaders.catalogue;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MetadataResource;
import org.junit.jupiter.api.Test;
import vn.ehealth.nhr.loaders.TerminologyUpload;
import vn.ehealth.nhr.loaders.table.Table;
import vn.ehealth.nhr.loaders.table.TableRow;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogueBuilderTest {

    private static final CatalogueSpec SPEC = new CatalogueSpec("vn-sample", "Mẫu", "2", "Bộ Y tế", "QĐ 1", null, null,
            "MA", "TEN", null, null, null, null);

    private static Table table(String[]... rows) {
        Path f = Path.of("sample.csv");
        List<TableRow> data = new java.util.ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            Map<String, String> cells = new LinkedHashMap<>();
            cells.put("MA", rows[i][0]);
            cells.put("TEN", rows[i][1]);
            data.add(new TableRow(f, i + 2, cells));
        }
        return new Table(f, null, 1, List.of("MA", "TEN"), data);
    }

    @Test
    void propertyCodesAreFoldedColumnNames() {
        assertThat(CatalogueBuilder.propertyCode("GHI CHÚ")).isEqualTo("ghi_chu");
        assertThat(CatalogueBuilder.propertyCode("Đơn vị (tính)")).isEqualTo("don_vi_tinh");
        assertThat(CatalogueBuilder.computableName("vn-patient-object")).isEqualTo("VnPatientObject");
    }

    @Test
    void theSameFileBuildsTheSameResourcesSoReloadingIsIdempotent() {
        CatalogueBuilder.Result a = new CatalogueBuilder(SPEC).build(table(new String[] {"1", "Một"}), () -> { });
        CatalogueBuilder.Result b = new CatalogueBuilder(SPEC).build(table(new String[] {"1", "Một"}), () -> { });

        assertThat(a.codeSystem().equalsDeep(b.codeSystem())).isTrue();
        assertThat(a.codeSystem().hasDate()).as("no 'today' in the resource").isFalse();
        Bundle tx = TerminologyUpload.transaction(List.<MetadataResource>of(a.codeSystem(), a.valueSet()));
        assertThat(tx.getEntry()).extracting(e -> e.getRequest().getUrl()).containsExactly(
                "CodeSystem?url=http%3A%2F%2Ffhir.ehealth.gov.vn%2Fnhr%2FCodeSystem%2Fvn-sample&version=2",
                "ValueSet?url=http%3A%2F%2Ffhir.ehealth.gov.vn%2Fnhr%2FValueSet%2Fvn-sample&version=2");
    }

    @Test
    void everyRowIsCountedForTheProgressBar() {
        int[] steps = {0};
        new CatalogueBuilder(SPEC).build(table(new String[] {"1", "Một"}, new String[] {"", "Hai"}), () -> steps[0]++);
        assertThat(steps[0]).isEqualTo(2);
    }
}
