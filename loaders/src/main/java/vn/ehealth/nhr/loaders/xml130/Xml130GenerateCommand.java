package vn.ehealth.nhr.loaders.xml130;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code nhr-load xml130-generate}: writes a synthetic GIAMDINHHS envelope of N inpatient episodes
 * (XML1 with a CCCD consistent with sex and birth year, two drug lines, a technical service, two
 * results with their reader, a clinical-course note, the discharge paper; every fifth a contrast CT
 * with its contrast agent, every seventh a child whose paper names the parents and a temporary card,
 * every tenth a referral with its signer) for load tests
 * and the throughput benchmark; streamed, so any size can be written.
 */
@Command(name = "xml130-generate", mixinStandardHelpOptions = true,
        description = "Write a synthetic QĐ 130 envelope of N episodes (test and benchmark data; fictitious people).")
public final class Xml130GenerateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The envelope to write.")
    Path file;

    @Option(names = "--episodes", defaultValue = "1000", description = "Number of HOSO (default ${DEFAULT-VALUE}).")
    int episodes;

    @Option(names = "--facility", defaultValue = "01001", description = "MACSKCB (default ${DEFAULT-VALUE}).")
    String facility;

    @Option(names = "--licence", defaultValue = "000123/HNO-CCHN", description = "Prescriber's licence, in the directory (default ${DEFAULT-VALUE}).")
    String licence;

    @Option(names = "--without-documents", description = "Leave out XML5, XML7 and XML13 (the mix measured before they were mapped).")
    boolean withoutDocuments;

    @Option(names = "--seed", description = "Random seed (default: the clock, so runs do not collide).")
    Long seed;

    private static final String[] FAMILY = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"};
    private static final String[] GIVEN_M = {"Văn An", "Minh Đức", "Quốc Huy", "Văn Nam", "Đức Thắng"};
    private static final String[] GIVEN_F = {"Thị Lan", "Thu Hà", "Ngọc Anh", "Thị Mai", "Minh Thư"};
    private static final String[][] DIAGNOSES = {{"J189", "Viêm phổi"}, {"I10", "Tăng huyết áp"}, {"K297", "Viêm dạ dày"},
            {"E119", "Đái tháo đường typ 2"}, {"A090", "Tiêu chảy nhiễm trùng"}, {"J209", "Viêm phế quản cấp"}};

    /** Social-insurance numbers of the head of the facility (MA_TTDV) and of the doctor who reads results (MA_BS_DOC_KQ). */
    private static final String HEAD = "0108123456";
    private static final String READER = "0108765432";
    private static final String CONTRAST_CT = "18.0192.0041";

    @Override
    public Integer call() throws IOException {
        Random random = new Random(seed != null ? seed : System.nanoTime());
        int serial = random.nextInt(900_000);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
             Xml130Writer.Envelope env = new Xml130Writer.Envelope(out, facility, "20261020", episodes)) {
            for (int i = 1; i <= episodes; i++) {
                env.hoso(episode(random, i, (serial + i) % 1_000_000));
            }
        }
        return 0;
    }

    private Map<String, String> episode(Random random, int i, int serial) {
        boolean male = random.nextBoolean();
        // every seventh patient a child (born 2015-2022): the discharge paper then names the parents
        boolean child = !withoutDocuments && i % 7 == 0;
        int year = child ? 2015 + random.nextInt(8) : 1940 + random.nextInt(60);
        String cccd = "001" + (year >= 2000 ? (male ? "2" : "3") : (male ? "0" : "1")) + String.format("%02d%06d", year % 100, serial);
        String maLk = "GEN" + cccd.substring(6) + String.format("%04d", i % 10_000);
        String[] dx = DIAGNOSES[random.nextInt(DIAGNOSES.length)];
        int day = 1 + random.nextInt(20);
        String in = String.format("202610%02d0800", day);
        String out = String.format("202610%02d1000", day + 2);
        Map<String, String> x1 = new LinkedHashMap<>();
        x1.put("MA_LK", maLk);
        x1.put("STT", Integer.toString(i));
        x1.put("HO_TEN", FAMILY[random.nextInt(FAMILY.length)] + " " + (male ? GIVEN_M : GIVEN_F)[random.nextInt(5)]);
        x1.put("SO_CCCD", cccd);
        x1.put("NGAY_SINH", String.format("%04d%02d%02d0000", year, 1 + random.nextInt(12), 1 + random.nextInt(28)));
        x1.put("GIOI_TINH", male ? "1" : "2");
        x1.put("MA_DANTOC", "01");
        x1.put("MATINH_CU_TRU", "01");
        x1.put("MAHUYEN_CU_TRU", "001");
        x1.put("MAXA_CU_TRU", "00001");
        x1.put("DIA_CHI", "Phường Phúc Xá, quận Ba Đình, Hà Nội");
        x1.put("MA_THE_BHYT", "GD401" + cccd.substring(2));
        x1.put("CHAN_DOAN_RV", dx[1]);
        x1.put("MA_BENH_CHINH", dx[0]);
        x1.put("NGAY_VAO", in);
        x1.put("NGAY_RA", out);
        x1.put("KET_QUA_DTRI", "1");
        boolean referred = !withoutDocuments && i % 10 == 0;
        x1.put("MA_LOAI_RV", referred ? "2" : "1");
        x1.put("MA_LOAI_KCB", "03");
        x1.put("MA_KHOA", "K03");
        x1.put("MA_CSKCB", facility);
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("XML1", Xml130Writer.table(Xml130Table.XML1, List.of(x1)));
        List<Map<String, String>> drugs = new ArrayList<>(List.of(drug(maLk, "1", "Paracetamol", "VD-21458-14", in),
                drug(maLk, "2", "Amlodipin", "VD-24781-16", in)));
        List<Map<String, String>> services = new ArrayList<>(List.of(Map.of("MA_LK", maLk, "STT", "1",
                "MA_DICH_VU", "02.0085.1778", "TEN_DICH_VU", "Điện tim thường", "MA_NHOM", "3", "NGAY_YL", in, "MA_BENH", dx[0])));
        if (i % 5 == 0) {
            // a contrast CT: the contrast agent's line names the service it was used in (XML2 MA_DICH_VU)
            services.add(Map.of("MA_LK", maLk, "STT", "2", "MA_DICH_VU", CONTRAST_CT,
                    "TEN_DICH_VU", "Chụp cắt lớp vi tính lồng ngực có tiêm thuốc cản quang", "MA_NHOM", "2", "NGAY_YL", in, "MA_BENH", dx[0]));
            Map<String, String> contrast = drug(maLk, "3", "Iopamidol", "VN-20327-17", in);
            contrast.put("HAM_LUONG", "370mg/ml");
            contrast.put("DANG_BAO_CHE", "Dung dịch tiêm");
            contrast.put("DON_VI_TINH", "Lọ");
            contrast.put("LIEU_DUNG", "1 lọ/lần");
            contrast.put("SO_LUONG", "1");
            contrast.put("MA_DICH_VU", CONTRAST_CT);
            drugs.add(contrast);
        }
        tables.put("XML2", Xml130Writer.table(Xml130Table.XML2, drugs));
        tables.put("XML3", Xml130Writer.table(Xml130Table.XML3, services));
        tables.put("XML4", Xml130Writer.table(Xml130Table.XML4, List.of(
                Map.of("MA_LK", maLk, "STT", "1", "TEN_CHI_SO", "Số lượng bạch cầu", "GIA_TRI",
                        String.format("%d,%d", 4 + random.nextInt(12), random.nextInt(10)), "DON_VI_DO", "G/L", "NGAY_KQ", in,
                        "MA_BS_DOC_KQ", READER),
                Map.of("MA_LK", maLk, "STT", "2", "TEN_CHI_SO", "Glucose máu", "GIA_TRI",
                        String.format("%d,%d", 4 + random.nextInt(6), random.nextInt(10)), "DON_VI_DO", "mmol/L", "NGAY_KQ", in,
                        "MA_BS_DOC_KQ", READER))));
        if (!withoutDocuments) {
            documents(tables, maLk, dx, in, out, referred, child ? cccd : null);
        }
        return tables;
    }

    /** XML5 (one note), XML7 (the discharge paper) and, for a referred episode, XML13 to Chợ Rẫy (79001). */
    private void documents(Map<String, String> tables, String maLk, String[] dx, String in, String out, boolean referred,
            String childCccd) {
        tables.put("XML5", Xml130Writer.table(Xml130Table.XML5, List.of(Map.of("MA_LK", maLk, "STT", "1",
                "DIEN_BIEN_LS", "Tỉnh, tiếp xúc tốt. M 82 lần/phút, T 37°C, HA 120/80 mmHg, NT 18 lần/phút",
                "THOI_DIEM_DBLS", in, "NGUOI_THUC_HIEN", licence))));
        Map<String, String> x7 = new LinkedHashMap<>(Map.of("MA_LK", maLk, "NGAY_VAO", in, "NGAY_RA", out,
                "CHAN_DOAN_RV", dx[1], "PP_DIEUTRI", "Điều trị nội khoa", "MA_TTDV", HEAD, "NGAY_CT", out.substring(0, 8)));
        if (childCccd != null) {
            // a child: the parents (health identifiers: social-insurance numbers) and a temporary card
            x7.put("MA_CHA", "01" + childCccd.substring(4));
            x7.put("HO_TEN_CHA", "Nguyễn Văn Bình");
            x7.put("MA_ME", "02" + childCccd.substring(4));
            x7.put("HO_TEN_ME", "Trần Thị Hoa");
            x7.put("MA_THE_TAM", "TE101" + childCccd.substring(2));
        }
        tables.put("XML7", Xml130Writer.table(Xml130Table.XML7, List.of(x7)));
        if (referred) {
            Map<String, String> x13 = new LinkedHashMap<>(Map.of("MA_LK", maLk,
                    "GIAY_CHUYEN_TUYEN", "GCT-" + maLk, "MA_CSKCB", facility, "MA_NOI_DEN", "79001", "NGAY_RA", out,
                    "MA_BENH_CHINH", dx[0], "CHAN_DOAN_RV", dx[1], "MA_LYDO_CT", "2",
                    "HUONG_DIEU_TRI", "Tiếp tục điều trị chuyên khoa", "MA_BAC_SI", licence));
            x13.put("MA_TTDV", HEAD);
            tables.put("XML13", Xml130Writer.table(Xml130Table.XML13, List.of(x13)));
        }
    }

    private Map<String, String> drug(String maLk, String stt, String name, String registration, String time) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("MA_LK", maLk);
        r.put("STT", stt);
        r.put("TEN_THUOC", name);
        r.put("HAM_LUONG", "500mg");
        r.put("DON_VI_TINH", "Viên");
        r.put("DANG_BAO_CHE", "Viên nén");
        r.put("MA_KHOA", "K03");
        r.put("LIEU_DUNG", "1 viên/lần, 2 lần/ngày");
        r.put("SO_DANG_KY", registration);
        r.put("SO_LUONG", "10");
        r.put("MA_BAC_SI", licence);
        r.put("NGAY_YL", time);
        return r;
    }
}
