package vn.ehealth.nhr.server.operations.importxml130;

import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import vn.ehealth.nhr.loaders.xml130.Xml130Report;
import vn.ehealth.nhr.profiles.MessageLanguage;

import java.util.Locale;

/**
 * The answer of {@code $import-xml130}: {@code loaded}, {@code updated}, {@code refused} counts, then
 * one {@code episode} part per episode: {@code source} (where in the body), {@code maLk},
 * {@code outcome} (loaded | updated | refused), {@code encounter} (the stored Encounter) and, for a
 * refusal, one {@code problem} per problem ("XML2 STT 7 MA_BAC_SI: ..."), in the request's language;
 * {@code removedRows} when an update marked entered-in-error the resources of rows gone from the file. Before the
 * episodes, one {@code note} per finding on the body as a whole (CHUKYDONVI, SOLUONGHOSO).
 */
final class ImportReport {

    private ImportReport() {
    }

    static Parameters toParameters(Xml130Report report, MessageLanguage language) {
        Parameters p = new Parameters();
        p.addParameter().setName("loaded").setValue(new IntegerType((int) report.count(Xml130Report.Status.LOADED)));
        p.addParameter().setName("updated").setValue(new IntegerType((int) report.count(Xml130Report.Status.UPDATED)));
        p.addParameter().setName("refused").setValue(new IntegerType((int) report.count(Xml130Report.Status.REFUSED)));
        report.notes().forEach(n -> p.addParameter().setName("note").setValue(new StringType(n.format(language))));
        for (Xml130Report.EpisodeOutcome o : report.outcomes()) {
            Parameters.ParametersParameterComponent e = p.addParameter().setName("episode");
            e.addPart().setName("source").setValue(new StringType(o.label().replaceFirst("^request ?", "")));
            if (o.maLk() != null) {
                e.addPart().setName("maLk").setValue(new StringType(o.maLk()));
            }
            e.addPart().setName("outcome").setValue(new CodeType(o.status().name().toLowerCase(Locale.ROOT)));
            if (o.encounterId() != null) {
                e.addPart().setName("encounter").setValue(new Reference("Encounter/" + o.encounterId()));
            }
            if (o.removedRows() > 0) {
                e.addPart().setName("removedRows").setValue(new IntegerType(o.removedRows()));
            }
            o.problems().forEach(pr -> e.addPart().setName("problem").setValue(new StringType(pr.format(language))));
        }
        return p;
    }
}
