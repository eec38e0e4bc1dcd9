package vn.ehealth.nhr.loaders.facilities;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Organization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.ehealth.nhr.loaders.table.RowProblem;
import vn.ehealth.nhr.loaders.table.TableReader;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FacilitiesLoadCommandTest {

    private static final String HEADER = "ma_cskcb,ten,tuyen,hang,matinh,diachi,hieu_luc_tu,hieu_luc_den,dang_hoat_dong\n";

    @TempDir
    Path dir;

    private Path csv(String text) throws Exception {
        Path file = dir.resolve("cskcb.csv");
        Files.writeString(file, "\uFEFF" + text, StandardCharsets.UTF_8);
        return file;
    }

    private FacilityTable.Result read(Path file) throws Exception {
        return new FacilityTable(FhirContext.forR4Cached()).read(TableReader.read(file, null, FacilityTable.REQUIRED_COLUMNS), () -> { });
    }

    @Test
    void aRowBecomesAnOrganizationWithCodeLevelProvinceAndPeriod() throws Exception {
        FacilityTable.Result r = read(csv(HEADER + "01001,Bệnh viện Bạch Mai,1,Đặc biệt,01,78 Giải Phóng,2020-01-01,,true\n"));

        assertThat(r.problems()).isEmpty();
        Organization o = r.organizations().get(0);
        assertThat(o.getIdentifierFirstRep().getSystem()).isEqualTo("http://fhir.ehealth.gov.vn/nhr/sid/facility-code");
        assertThat(o.getIdentifierFirstRep().getValue()).isEqualTo("01001");
        assertThat(o.getIdentifierFirstRep().getPeriod().getStartElement().getValueAsString()).isEqualTo("2020-01-01");
        assertThat(o.getName()).isEqualTo("Bệnh viện Bạch Mai");
        assertThat(o.getActive()).isTrue();
        assertThat(o.getType()).flatExtracting(t -> t.getCoding()).extracting(Coding::getCode).containsExactly("prov", "1");
        assertThat(o.getAddressFirstRep().getState()).isEqualTo("Thành phố Hà Nội");
        assertThat(((Coding) o.getAddressFirstRep().getExtensionByUrl(
                "http://fhir.ehealth.gov.vn/nhr/StructureDefinition/province-code").getValue()).getCode()).isEqualTo("01");
    }

    @Test
    void theTransactionIsConditionalPutsOnTheFacilityCode() throws Exception {
        Bundle tx = FacilitiesLoadCommand.transaction(read(csv(HEADER + "01001,Bạch Mai,1,,01,,,,\n")).organizations());
        assertThat(tx.getEntryFirstRep().getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
        assertThat(tx.getEntryFirstRep().getRequest().getUrl())
                .isEqualTo("Organization?identifier=http%3A%2F%2Ffhir.ehealth.gov.vn%2Fnhr%2Fsid%2Ffacility-code%7C01001");
    }

    @Test
    void everyBadRowIsReportedAndNothingIsProduced() throws Exception {
        FacilityTable.Result r = read(csv(HEADER
                + "01001,Bạch Mai,1,,01,,,,\n"
                + "0100A,Sai mã,1,,01,,,,\n"
                + "01001,Trùng mã,1,,01,,,,\n"
                + "01002,Tỉnh sai,2,,99,,,,\n"
                + "01003,Ngày sai,3,,01,,31/02/2024,,\n"
                + "01004,Tuyến sai,5,,01,,2024-02-01,2024-01-01,có\n"));

        assertThat(r.organizations()).isEmpty();
        assertThat(r.problems()).extracting(RowProblem::toString).containsExactly(
                "cskcb.csv:3: facility code (ma_cskcb) \"0100A\" is not 5 digits like 01001",
                "cskcb.csv:4: duplicate facility code 01001 (first on line 2)",
                "cskcb.csv:5: province (matinh) \"99\" is not a province of the administrative units of 2024-06-11",
                "cskcb.csv:6: hieu_luc_tu \"31/02/2024\" is not a date (yyyy-mm-dd or dd/mm/yyyy)",
                "cskcb.csv:7: dang_hoat_dong \"có\" is not true or false",
                "cskcb.csv:7: level (tuyen) \"5\" is not 1, 2, 3 or 4",
                "cskcb.csv:7: hieu_luc_den 2024-01-01 is before hieu_luc_tu 2024-02-01");
    }

    @Test
    void theCommandChecksMissingColumnsAndSendsNothingOnProblems() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new FacilitiesLoadCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));

        assertThat(cmd.execute(csv("ma_cskcb,ten\n01001,Bạch Mai\n").toString(), "--no-progress")).isEqualTo(1);
        assertThat(err.toString()).contains("cskcb.csv:0: missing column(s)");

        assertThat(cmd.execute(csv(HEADER + "01001,Bạch Mai,1,,01,,,,\n").toString(), "--dry-run", "--no-progress")).isZero();
        assertThat(out.toString()).contains("dry run: 1 facilities, no problem; nothing sent");

        assertThat(cmd.execute(csv(HEADER + "01001,Bạch Mai,1,,01,,,,\n").toString(), "--no-progress",
                "--server", "http://127.0.0.1:1/fhir")).isEqualTo(1);
        assertThat(err.toString()).contains("cannot reach http://127.0.0.1:1/fhir");
    }
}
