package vn.ehealth.nhr.loaders.xml130;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class Xml130ReaderTest {

    @Test
    void anEnvelopeGivesOneEpisodePerHosoWithEveryTableDecoded() throws Exception {
        List<Xml130Episode> episodes = Xml130TestFiles.read("envelope-3-episodes.xml");

        assertThat(episodes).extracting(Xml130Episode::maLk).containsExactly("BM2610120001", "BM2610150002", "BM2610160003");
        Xml130Episode first = episodes.get(0);
        assertThat(first.problems()).isEmpty();
        assertThat(first.envelopeFacility()).isEqualTo("01001");
        assertThat(first.part()).isEqualTo("HOSO 1");
        assertThat(first.rows(Xml130Table.XML2)).hasSize(2);
        assertThat(first.rows(Xml130Table.XML3)).hasSize(4);
        assertThat(first.rows(Xml130Table.XML4)).extracting(r -> r.get("GIA_TRI")).containsExactly("14,2", "86", null);
        assertThat(first.rows(Xml130Table.XML14)).singleElement().satisfies(r -> assertThat(r.get("NGAY_HEN_KL")).isEqualTo("202610260800"));
        assertThat(first.summary().get("HO_TEN")).isEqualTo("Nguyễn Văn Hùng");
        assertThat(first.summary().get("DIA_CHI")).startsWith("Số 12 phố Phúc Xá");
    }

    @Test
    void aByteOrderMarkAndOtherDeclaredEncodingsAreRead() throws Exception {
        assertThat(Xml130TestFiles.read("envelope-bom.xml")).singleElement()
                .satisfies(e -> assertThat(e.summary().get("HO_TEN")).isEqualTo("Trần Thị Mai"));
        assertThat(Xml130TestFiles.read("xml1-utf16.xml")).singleElement()
                .satisfies(e -> assertThat(e.summary().get("HO_TEN")).isEqualTo("Bùi Thị Hạnh"));
        // windows-1258 writes tone marks as combining characters: the reader composes them (NFC)
        assertThat(Xml130TestFiles.read("xml1-windows-1258.xml")).singleElement().satisfies(e -> {
            assertThat(e.problems()).isEmpty();
            assertThat(e.summary().get("HO_TEN")).isEqualTo("Bùi Thị Hạnh");
            assertThat(e.summary().get("DIA_CHI")).isEqualTo("Phường Phúc Xá, quận Ba Đình, Hà Nội");
        });
    }

    @Test
    void plainTableFilesOfAFolderAreGroupedByMaLkAndARowWithoutItsXml1IsRefused() throws Exception {
        List<Xml130Episode> episodes = Xml130TestFiles.read("plain-tables");

        assertThat(episodes).hasSize(3);
        assertThat(episodes.get(0).maLk()).isEqualTo("BM2610210021");
        assertThat(episodes.get(0).rows(Xml130Table.XML2)).singleElement().satisfies(r -> assertThat(r.stt()).isEqualTo("1"));
        assertThat(episodes.get(1).rows(Xml130Table.XML2)).singleElement().satisfies(r -> assertThat(r.stt()).isEqualTo("2"));
        assertThat(episodes.get(2).problems()).extracting(Xml130Problem::toString)
                .containsExactly("XML2 STT 3 MA_LK: không có hồ sơ XML1 nào mang MA_LK BM2610219999 trong tệp");
    }

    @Test
    void aZipOfEnvelopesAndTablesIsReadEntryByEntry(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("gui-bhxh.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : new String[] {"envelope-3-episodes.xml", "plain-tables/01001_BM2610210021_XML1.xml"}) {
                out.putNextEntry(new ZipEntry(name));
                out.write(Files.readAllBytes(Xml130TestFiles.file(name)));
                out.closeEntry();
            }
        }
        List<Xml130Episode> episodes = new ArrayList<>();
        new Xml130Reader().read(zip, episodes::add);

        assertThat(episodes).extracting(Xml130Episode::maLk)
                .containsExactly("BM2610120001", "BM2610150002", "BM2610160003", "BM2610210021");
        assertThat(episodes.get(0).file()).isEqualTo("gui-bhxh.zip!envelope-3-episodes.xml");
    }

    @Test
    void brokenHosoAreReportedWithoutStoppingTheOthers() throws Exception {
        List<Xml130Episode> episodes = Xml130TestFiles.read("envelope-broken.xml");

        assertThat(episodes).hasSize(8);
        assertThat(episodes.get(0).problems()).isEmpty();
        assertThat(episodes.get(1).problems()).extracting(Xml130Problem::toString).singleElement().asString()
                .startsWith("XML2 NOIDUNGFILE: không phải base64 hợp lệ");
        assertThat(episodes.get(2).problems()).extracting(p -> p.format(vn.ehealth.nhr.profiles.MessageLanguage.ENGLISH))
                .containsExactly("LOAIHOSO: unknown table type \"XML99\" (only XML1…XML15)");
        assertThat(episodes.get(5).problems()).extracting(Xml130Problem::toString)
                .containsExactly("XML2 STT 7 MA_LK: MA_LK BM9999999999 không thuộc hồ sơ này (XML1 có MA_LK BM2610200016)");
    }

    @Test
    void aLargeEnvelopeIsStreamedOneHosoAtATime() throws Exception {
        // 3,000 episodes (about 20 MB) generated on the fly: never a file, never the whole text in memory
        int count = 3000;
        PipedInputStream in = new PipedInputStream(1 << 16);
        PipedOutputStream pipe = new PipedOutputStream(in);
        Thread writer = new Thread(() -> writeEnvelope(pipe, count));
        writer.start();
        AtomicInteger seen = new AtomicInteger();
        new Xml130Reader().read("lon.xml", in, e -> {
            assertThat(e.problems()).isEmpty();
            assertThat(e.maLk()).isEqualTo("LK" + seen.incrementAndGet());
        });
        writer.join();
        assertThat(seen).hasValue(count);
    }

    @Test
    void aTableLargerThanTheMemoryLimitIsDecodedThroughATemporaryFile() throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i <= 6000; i++) {
            Map<String, String> r = new LinkedHashMap<>();
            r.put("MA_LK", "LK1");
            r.put("STT", Integer.toString(i));
            r.put("TEN_THUOC", "Paracetamol 500mg ".repeat(10));
            rows.add(r);
        }
        String xml2 = Xml130Writer.table(Xml130Table.XML2, rows);
        assertThat(xml2.length()).isGreaterThan(SpillBuffer.MEMORY_LIMIT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Xml130Writer.Envelope env = new Xml130Writer.Envelope(bytes, "01001", "20261020", 1)) {
            Map<String, String> tables = new LinkedHashMap<>();
            tables.put("XML1", Xml130Writer.table(Xml130Table.XML1, List.of(Map.of("MA_LK", "LK1", "STT", "1"))));
            tables.put("XML2", xml2);
            env.hoso(tables);
        }
        List<Xml130Episode> episodes = new ArrayList<>();
        new Xml130Reader().read("lon.xml", new java.io.ByteArrayInputStream(bytes.toByteArray()), episodes::add);

        assertThat(episodes).singleElement().satisfies(e -> assertThat(e.rows(Xml130Table.XML2)).hasSize(6000));
    }

    private static void writeEnvelope(OutputStream out, int count) {
        try (out; Xml130Writer.Envelope env = new Xml130Writer.Envelope(out, "01001", "20261020", count)) {
            for (int i = 1; i <= count; i++) {
                Map<String, String> x1 = new LinkedHashMap<>();
                x1.put("MA_LK", "LK" + i);
                x1.put("STT", Integer.toString(i));
                x1.put("HO_TEN", "Người bệnh số " + i);
                x1.put("GHI_CHU", "x".repeat(4000));
                env.hoso(Map.of("XML1", Xml130Writer.table(Xml130Table.XML1, List.of(x1))));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void soLuongHoSoNotMatchingTheHosoReadIsANoteAndTheEpisodesAreStillRead() throws Exception {
        String text = Files.readString(Xml130TestFiles.file("envelope-3-episodes.xml"));
        List<String> notes = new ArrayList<>();
        List<Xml130Episode> episodes = new ArrayList<>();
        Xml130Reader reader = new Xml130Reader(null, (file, note) -> notes.add(file + " " + note.format(
                vn.ehealth.nhr.profiles.MessageLanguage.ENGLISH)));

        reader.read("five.xml", new java.io.ByteArrayInputStream(text.replace("<SOLUONGHOSO>3<", "<SOLUONGHOSO>5<")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)), episodes::add);
        reader.read("none.xml", new java.io.ByteArrayInputStream(text.replace("<SOLUONGHOSO>3</SOLUONGHOSO>", "")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)), episodes::add);
        reader.read("three.xml", new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), episodes::add);

        assertThat(episodes).hasSize(9).allSatisfy(e -> assertThat(e.problems()).isEmpty());
        assertThat(notes).containsExactly(
                "five.xml SOLUONGHOSO: says 5 records but the file holds 3 HOSO; the HOSO in the file were processed all the same",
                "none.xml SOLUONGHOSO: missing; the file holds 3 HOSO");
    }

    @Test
    void loaiHoSoAndFileNamesNameTheTables() {
        assertThat(Xml130Table.fromLoaiHoSo("XML1")).contains(Xml130Table.XML1);
        assertThat(Xml130Table.fromLoaiHoSo("xml 14")).contains(Xml130Table.XML14);
        assertThat(Xml130Table.fromLoaiHoSo("XML16")).isEmpty();
        assertThat(Xml130Table.fromRootOrFileName("CHITIEU_CHITIET_THUOC", "a.xml")).contains(Xml130Table.XML2);
        assertThat(Xml130Table.fromRootOrFileName("BANG", "01001_BM1_XML4.xml")).contains(Xml130Table.XML4);
    }
}
