package vn.ehealth.nhr.loaders.synthetic;

import java.util.List;
import java.util.Random;

/**
 * Vietnamese full names: family name, middle name, given name, written in that order (the profile's
 * name rule checks that {@code text} starts with the family name). Family names are drawn with
 * roughly their share of the population (Nguyễn about 38 %, Trần 11 %, Lê 9.5 %, …); middle and given
 * names depend on sex, as they do in practice.
 */
final class VietnameseNames {

    /** Family names, each repeated about in proportion to its share of the population. */
    private static final List<String> FAMILY = weighted(new Object[][] {
            {"Nguyễn", 38}, {"Trần", 11}, {"Lê", 10}, {"Phạm", 7}, {"Hoàng", 5}, {"Huỳnh", 3}, {"Phan", 4}, {"Vũ", 4},
            {"Võ", 3}, {"Đặng", 2}, {"Bùi", 2}, {"Đỗ", 2}, {"Hồ", 2}, {"Ngô", 2}, {"Dương", 1}, {"Lý", 1}, {"Đinh", 1},
            {"Trịnh", 1}, {"Đào", 1}});
    private static final List<String> MIDDLE_MALE = List.of("Văn", "Đức", "Minh", "Quốc", "Hữu", "Thanh", "Công", "Xuân", "Gia");
    private static final List<String> MIDDLE_FEMALE = List.of("Thị", "Ngọc", "Thu", "Thanh", "Minh", "Phương", "Kim", "Bảo", "Hồng");
    private static final List<String> GIVEN_MALE = List.of("An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Huy",
            "Khánh", "Khoa", "Long", "Minh", "Nam", "Phong", "Phúc", "Quân", "Sơn", "Tài", "Thắng", "Thành", "Trung", "Tuấn", "Việt");
    private static final List<String> GIVEN_FEMALE = List.of("Anh", "Bích", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương",
            "Lan", "Linh", "Mai", "My", "Ngân", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo", "Trang", "Uyên", "Vân", "Yến");

    /** One person's name parts. */
    record Name(String family, String middle, String given) {
        String text() {
            return family + " " + middle + " " + given;
        }
    }

    private VietnameseNames() {
    }

    static Name draw(Random random, boolean male) {
        return new Name(pick(random, FAMILY), pick(random, male ? MIDDLE_MALE : MIDDLE_FEMALE),
                pick(random, male ? GIVEN_MALE : GIVEN_FEMALE));
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static List<String> weighted(Object[][] shares) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (Object[] share : shares) {
            for (int i = 0; i < (Integer) share[1]; i++) {
                out.add((String) share[0]);
            }
        }
        return List.copyOf(out);
    }
}
