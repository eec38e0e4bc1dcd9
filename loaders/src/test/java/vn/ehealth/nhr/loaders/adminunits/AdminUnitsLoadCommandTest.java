package vn.ehealth.nhr.loaders.adminunits;

import ca.uhn.fhir.context.FhirContext;
import com.sun.net.httpserver.HttpServer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AdminUnitsLoadCommandTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String NOWHERE = "http://127.0.0.1:1/fhir";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = new CommandLine(new AdminUnitsLoadCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    private <T extends org.hl7.fhir.instance.model.api.IBaseResource> T read(Path outDir, String file, Class<T> type)
            throws Exception {
        return FHIR.newJsonParser().parseResource(type, Files.readString(outDir.resolve(file)));
    }

    @Test
    void dryRunOfTheOfficialLayoutReportsCountsAndSendsNothing() throws Exception {
        int code = run(Fixtures.officialXlsx(dir).toString(), "--dry-run", "--no-progress", "--server", NOWHERE);

        assertThat(code).isZero();
        assertThat(out.toString()).contains("2 provinces, 5 districts, 6 communes, version 2024-06-11")
                .contains("dry run: no problems; nothing sent");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void outputWritesTheNestedCodeSystemWithPropertiesAndOneValueSetPerLevel() throws Exception {
        Path outDir = dir.resolve("out");
        int code = run(Fixtures.officialXlsx(dir).toString(), "--output", outDir.toString(), "--no-progress");

        assertThat(code).as(err.toString()).isZero();
        CodeSystem cs = read(outDir, "CodeSystem-vn-administrative-units.json", CodeSystem.class);
        assertThat(cs.getVersion()).isEqualTo("2024-06-11");
        assertThat(cs.getCount()).isEqualTo(13);
        CodeSystem.ConceptDefinitionComponent haNoi = cs.getConcept().get(0);
        CodeSystem.ConceptDefinitionComponent baDinh = haNoi.getConcept().get(0);
        CodeSystem.ConceptDefinitionComponent phucXa = baDinh.getConcept().get(0);
        assertThat(List.of(haNoi.getCode(), baDinh.getCode(), phucXa.getCode())).containsExactly("01", "001", "00001");
        assertThat(phucXa.getDisplay()).isEqualTo("Phường Phúc Xá");
        assertThat(phucXa.getProperty()).extracting(p -> p.getCode() + "=" + p.getValue().primitiveValue())
                .containsExactly("level=commune", "unit-type=Phường", "parent=001", "abbreviation=HNBDPX");
        assertThat(baDinh.getConcept().get(2).getProperty()).extracting(p -> p.getCode() + "=" + p.getValue().primitiveValue())
                .contains("english-name=Vinh Phuc Commune");
        for (String level : List.of("provinces", "districts", "communes")) {
            ValueSet vs = read(outDir, "ValueSet-vn-administrative-units-" + level + ".json", ValueSet.class);
            assertThat(vs.getUrl()).isEqualTo("http://fhir.ehealth.gov.vn/nhr/ValueSet/vn-administrative-units-" + level);
            assertThat(vs.getCompose().getIncludeFirstRep().getFilterFirstRep().getValue())
                    .isEqualTo(level.substring(0, level.length() - 1));
        }
    }

    @Test
    void a2025ListWithoutDistrictsLoadsAsANewVersionWithItsConceptMap() throws Exception {
        Path list = Fixtures.textWithBom(dir, "dvhc-2025.csv", Fixtures.LIST_2025);
        Path map = Fixtures.textWithBom(dir, "map.csv", Fixtures.MAP_2024_TO_2025);
        Path outDir = dir.resolve("out");

        int code = run(list.toString(), "--version", "2025-07-01", "--map-from-previous", map.toString(),
                "--output", outDir.toString(), "--no-progress");

        assertThat(code).as(err.toString()).isZero();
        CodeSystem cs = read(outDir, "CodeSystem-vn-administrative-units.json", CodeSystem.class);
        assertThat(cs.getVersion()).isEqualTo("2025-07-01");
        assertThat(cs.getConcept().get(1).getConcept()).extracting(CodeSystem.ConceptDefinitionComponent::getCode)
                .containsExactly("26740", "27097", "27892");
        assertThat(outDir.resolve("ValueSet-vn-administrative-units-districts.json")).doesNotExist();
        ConceptMap cm = read(outDir, "ConceptMap-vn-administrative-units-2024-06-11-to-2025-07-01.json", ConceptMap.class);
        assertThat(cm.getUrl()).isEqualTo("http://fhir.ehealth.gov.vn/nhr/ConceptMap/vn-administrative-units-2024-06-11-to-2025-07-01");
        ConceptMap.ConceptMapGroupComponent group = cm.getGroupFirstRep();
        assertThat(group.getSourceVersion()).isEqualTo("2024-06-11");
        assertThat(group.getTargetVersion()).isEqualTo("2025-07-01");
        assertThat(group.getElement()).hasSize(8);
        assertThat(group.getElementFirstRep().getTargetFirstRep().getCode()).isEqualTo("00004");
        assertThat(group.getElementFirstRep().getTargetFirstRep().getEquivalence()).isEqualTo(ConceptMapEquivalence.WIDER);
    }

    @Test
    void theSimpleLayoutNeedsAVersion() throws Exception {
        int code = run(Fixtures.text(dir, "dvhc-2025.csv", Fixtures.LIST_2025).toString(), "--dry-run", "--no-progress");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("dvhc-2025.csv:0: --version is required for the simple layout");
    }

    @Test
    void aBadMapNamesEachRowAndNothingIsWritten() throws Exception {
        Path list = Fixtures.text(dir, "dvhc-2025.csv", Fixtures.LIST_2025);
        Path map = Fixtures.text(dir, "map.csv", """
                old_code,old_version,new_code,relationship
                00001,2024-06-11,99999,wider
                00004,2024-06-11,00004,merged
                77777,2024-06-11,00004,wider
                """);
        Path outDir = dir.resolve("out");

        int code = run(list.toString(), "--version", "2025-07-01", "--map-from-previous", map.toString(),
                "--output", outDir.toString(), "--no-progress");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString())
                .contains("map.csv:2: new_code \"99999\" is not in the new list 2025-07-01")
                .contains("map.csv:3: relationship \"merged\" must be one of equivalent, wider, narrower")
                .contains("map.csv:4: old_code \"77777\" is not in the list 2024-06-11");
        assertThat(outDir).doesNotExist();
    }

    @Test
    void aListWithProblemsWritesNothingAndFails() throws Exception {
        Path list = Fixtures.text(dir, "dup.csv", """
                matinh,tentinh,maxa,tenxa,cap
                01,Thành phố Hà Nội,00001,Phường Phúc Xá,Phường
                01,Thành phố Hà Nội,00001,Phường Phúc Xá,Phường
                """);
        Path outDir = dir.resolve("out");

        int code = run(list.toString(), "--version", "2025-07-01", "--output", outDir.toString(), "--no-progress");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("dup.csv:3: duplicate commune code 00001 (first on line 2)");
        assertThat(out.toString()).contains("1 problem(s); nothing written");
        assertThat(outDir).doesNotExist();
    }

    @Test
    void loadingSendsOneTransactionOfConditionalPutsWithTheToken() throws Exception {
        List<String> bodies = new ArrayList<>();
        List<String> auth = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fhir", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            auth.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] response = FHIR.newJsonParser().encodeResourceToString(
                    new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(200, response.length);
            exchange.getResponseBody().write(response);
            exchange.close();
        });
        server.start();
        try {
            int code = run(Fixtures.officialXlsx(dir).toString(), "--no-progress", "--token", "secret",
                    "--server", "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir");

            assertThat(code).as(err.toString()).isZero();
        } finally {
            server.stop(0);
        }
        assertThat(bodies).hasSize(1);
        assertThat(auth).containsExactly("Bearer secret");
        Bundle tx = FHIR.newJsonParser().parseResource(Bundle.class, bodies.get(0));
        assertThat(tx.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
        assertThat(tx.getEntry()).extracting(e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl()).containsExactly(
                "PUT CodeSystem?url=http%3A%2F%2Ffhir.ehealth.gov.vn%2Fnhr%2FCodeSystem%2Fvn-administrative-units&version=2024-06-11",
                "PUT ValueSet?url=http%3A%2F%2Ffhir.ehealth.gov.vn%2Fnhr%2FValueSet%2Fvn-administrative-units-provinces&version=2024-06-11",
                "PUT ValueSet?url=http%3A%2F%2Ffhir.ehealth.gov.vn%2Fnhr%2FValueSet%2Fvn-administrative-units-districts&version=2024-06-11",
                "PUT ValueSet?url=http%3A%2F%2Ffhir.ehealth.gov.vn%2Fnhr%2FValueSet%2Fvn-administrative-units-communes&version=2024-06-11");
        assertThat(out.toString()).contains("loaded 4 resource(s)");
    }

    @Test
    void anUnreachableServerFailsTheRunWithNothingLoaded() throws Exception {
        int code = run(Fixtures.officialXlsx(dir).toString(), "--no-progress", "--server", NOWHERE);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains(NOWHERE).contains("nothing loaded");
    }
}
