package vn.ehealth.nhr.loaders.adminunits;

/**
 * One administrative unit as read from the list.
 *
 * @param level        {@code province}, {@code district} or {@code commune} (AdministrativeUnits.LEVEL_*)
 * @param name         Vietnamese name, whitespace-normalised, e.g. "Phường Phúc Xá"
 * @param unitType     the unit's kind in canonical spelling: Tỉnh, Thành phố, Quận, Huyện, Thị xã, Phường, Xã…
 * @param parentCode   code of the enclosing unit; null for provinces
 * @param englishName  null when the list gives none
 * @param abbreviation null when the list gives none
 * @param line         source line that first defined the unit, for messages
 */
public record AdminUnit(String code, String level, String name, String unitType, String parentCode,
                        String englishName, String abbreviation, int line) {

    AdminUnit withAbbreviation(String value) {
        return new AdminUnit(code, level, name, unitType, parentCode, englishName, value, line);
    }
}
