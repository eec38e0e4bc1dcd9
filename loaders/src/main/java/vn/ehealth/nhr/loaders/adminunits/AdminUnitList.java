package vn.ehealth.nhr.loaders.adminunits;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The units of one version of the list, by level, in source order. */
public final class AdminUnitList {

    final Map<String, AdminUnit> provinces = new LinkedHashMap<>();
    final Map<String, AdminUnit> districts = new LinkedHashMap<>();
    final Map<String, AdminUnit> communes = new LinkedHashMap<>();

    public Collection<AdminUnit> provinces() {
        return provinces.values();
    }

    public Collection<AdminUnit> districts() {
        return districts.values();
    }

    public Collection<AdminUnit> communes() {
        return communes.values();
    }

    /** True for a list with the district level (the 2024 list); false for a two-tier list (2025 onwards). */
    public boolean hasDistricts() {
        return !districts.isEmpty();
    }

    public boolean contains(String code) {
        return provinces.containsKey(code) || districts.containsKey(code) || communes.containsKey(code);
    }

    /** Units directly under {@code parentCode}, in source order. */
    public List<AdminUnit> children(String parentCode) {
        List<AdminUnit> out = new ArrayList<>();
        for (Map<String, AdminUnit> level : List.of(districts, communes)) {
            level.values().stream().filter(u -> parentCode.equals(u.parentCode())).forEach(out::add);
        }
        return out;
    }

    public int size() {
        return provinces.size() + districts.size() + communes.size();
    }

    @Override
    public String toString() {
        return provinces.size() + " provinces, " + districts.size() + " districts, " + communes.size() + " communes";
    }
}
