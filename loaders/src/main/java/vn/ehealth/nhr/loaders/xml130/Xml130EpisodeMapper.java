package vn.ehealth.nhr.loaders.xml130;

import java.util.List;

/**
 * One episode → one FHIR transaction Bundle, table by table (XML1 first: it names the patient and
 * the encounter every other row points to). Any problem refuses the whole episode: nothing of it is
 * sent, and each problem names its table, row and column.
 *
 * <p>Mapped: XML1 ({@link Xml1PatientMapper}, {@link Xml1EpisodeMapper}), XML2
 * ({@link Xml2MedicineLineMapper}), XML3 ({@link Xml3ServiceLineMapper}), XML4
 * ({@link Xml4ResultMapper}), XML5 ({@link Xml5ClinicalCourseMapper}), XML7 ({@link Xml7DischargePaperMapper}),
 * XML8 ({@link Xml8RecordSummaryMapper}), XML13 ({@link Xml13ReferralMapper}), XML14
 * ({@link Xml14FollowUpMapper}). Other tables are read and ignored.
 */
public final class Xml130EpisodeMapper {

    private final Xml130Catalogues catalogues;
    private final PractitionerDirectory practitioners;

    public Xml130EpisodeMapper(Xml130Catalogues catalogues, PractitionerDirectory practitioners) {
        this.catalogues = catalogues;
        this.practitioners = practitioners;
    }

    public MappedEpisode map(Xml130Episode episode) {
        EpisodeMapping m = new EpisodeMapping(episode, catalogues, practitioners);
        m.problems.addAll(episode.problems());
        List<Xml130Row> summary = episode.rows(Xml130Table.XML1);
        if (summary.size() != 1) {
            if (episode.problems().isEmpty() || !summary.isEmpty()) {
                m.problems.add(Xml130Problem.ofTable(Xml130Table.XML1, null,
                        summary.isEmpty() ? "thiếu bảng XML1 (bảng tổng hợp) của hồ sơ"
                                : summary.size() + " dòng XML1 trong một hồ sơ (chỉ được 1)",
                        summary.isEmpty() ? "the record has no XML1 (summary) table"
                                : summary.size() + " XML1 rows in one record (only 1 allowed)"));
            }
            return done(m);
        }
        Xml130Row row = summary.get(0);
        if (!Xml1EpisodeMapper.identify(m, row)) {
            return done(m);
        }
        Xml1PatientMapper.map(m, row);
        Xml1EpisodeMapper.map(m, row);
        if (m.patient == null || m.encounter == null) {
            return done(m);
        }
        // XML3 before XML2: a drug line names the technical service it was used in (MA_DICH_VU)
        episode.rows(Xml130Table.XML3).forEach(r -> Xml3ServiceLineMapper.map(m, r));
        episode.rows(Xml130Table.XML2).forEach(r -> Xml2MedicineLineMapper.map(m, r));
        episode.rows(Xml130Table.XML4).forEach(r -> Xml4ResultMapper.map(m, r));
        episode.rows(Xml130Table.XML5).forEach(r -> Xml5ClinicalCourseMapper.map(m, r));
        episode.rows(Xml130Table.XML7).forEach(r -> Xml7DischargePaperMapper.map(m, r));
        episode.rows(Xml130Table.XML8).forEach(r -> Xml8RecordSummaryMapper.map(m, r));
        episode.rows(Xml130Table.XML13).forEach(r -> Xml13ReferralMapper.map(m, r));
        episode.rows(Xml130Table.XML14).forEach(r -> Xml14FollowUpMapper.map(m, r));
        return done(m);
    }

    private static MappedEpisode done(EpisodeMapping m) {
        return new MappedEpisode(m.episode, m.problems.isEmpty() ? m.bundle : null, List.copyOf(m.entrySources),
                List.copyOf(m.problems));
    }
}
