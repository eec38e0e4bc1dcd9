package vn.ehealth.nhr.loaders.adminunits;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.ValueSet;
import vn.ehealth.nhr.terminology.AdministrativeUnits;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static vn.ehealth.nhr.terminology.AdministrativeUnits.*;

/**
 * Turns one version of the list into FHIR: the CodeSystem (concepts nested province → district →
 * commune, or province → commune for a list without districts) and one ValueSet per level present.
 */
public final class AdminUnitsCodeSystem {

    public static final String PUBLISHER = "Bộ Y tế / Tổng cục Thống kê (General Statistics Office)";
    /** Standard extension: R4 metadata resources have no effectivePeriod element of their own. */
    static final String EFFECTIVE_PERIOD_EXTENSION = "http://hl7.org/fhir/StructureDefinition/resource-effectivePeriod";
    private static final String ID = "vn-administrative-units";

    private AdminUnitsCodeSystem() {
    }

    /**
     * @param version       the list's version, e.g. "2024-06-11"
     * @param effectiveFrom the day the list took effect
     * @param source        what the list was converted from, for the description (file name, row count)
     */
    public static CodeSystem codeSystem(AdminUnitList units, String version, LocalDate effectiveFrom, String source) {
        CodeSystem cs = new CodeSystem();
        metadata(cs, version, effectiveFrom);
        cs.setId(ID);
        cs.setName("VNAdministrativeUnits");
        cs.setTitle("Đơn vị hành chính Việt Nam (Vietnam administrative units)");
        cs.setDescription("Danh mục đơn vị hành chính Việt Nam, phiên bản " + version + ", hiệu lực từ "
                + effectiveFrom + ": " + units + ". Vietnam's administrative units as published by the General "
                + "Statistics Office (Tổng cục Thống kê), converted by nhr-load admin-units from " + source + ". "
                + "Codes are the official ones, distinct across levels by length: province 2 digits, district 3 "
                + "digits, commune 5 digits. Names are as listed, with spacing normalised.");
        cs.setCopyright("Public data: official list of administrative units of Viet Nam.");
        cs.setCaseSensitive(true);
        cs.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        cs.setHierarchyMeaning(CodeSystem.CodeSystemHierarchyMeaning.PARTOF);
        cs.setCount(units.size());
        property(cs, PROPERTY_LEVEL, CodeSystem.PropertyType.CODE, "Level: province, district or commune");
        property(cs, PROPERTY_UNIT_TYPE, CodeSystem.PropertyType.STRING,
                "Kind of unit (cấp): Tỉnh, Thành phố, Quận, Huyện, Thị xã, Phường, Xã, Thị trấn, Đặc khu");
        property(cs, PROPERTY_PARENT, CodeSystem.PropertyType.CODE, "Code of the enclosing unit");
        property(cs, PROPERTY_ENGLISH_NAME, CodeSystem.PropertyType.STRING, "English name, when the list gives one");
        property(cs, PROPERTY_ABBREVIATION, CodeSystem.PropertyType.STRING, "Abbreviation (viết tắt) from the list");
        for (AdminUnit province : units.provinces()) {
            cs.addConcept(concept(units, province));
        }
        return cs;
    }

    /** One value set per level the list has, each selecting its level by property filter. */
    public static List<ValueSet> valueSets(AdminUnitList units, String version, LocalDate effectiveFrom) {
        List<ValueSet> out = new ArrayList<>();
        out.add(valueSet(LEVEL_PROVINCE, "Tỉnh, thành phố trực thuộc trung ương (provinces)", version, effectiveFrom));
        if (units.hasDistricts()) {
            out.add(valueSet(LEVEL_DISTRICT, "Quận, huyện, thị xã, thành phố thuộc tỉnh (districts)", version, effectiveFrom));
        }
        out.add(valueSet(LEVEL_COMMUNE, "Phường, xã, thị trấn, đặc khu (communes)", version, effectiveFrom));
        return out;
    }

    /** Code system then value sets: the resources of one version, in load order. */
    public static List<MetadataResource> resources(AdminUnitList units, String version, LocalDate effectiveFrom,
                                                   String source) {
        List<MetadataResource> out = new ArrayList<>();
        out.add(codeSystem(units, version, effectiveFrom, source));
        out.addAll(valueSets(units, version, effectiveFrom));
        return out;
    }

    private static ValueSet valueSet(String level, String title, String version, LocalDate effectiveFrom) {
        ValueSet vs = new ValueSet();
        metadata(vs, version, effectiveFrom);
        vs.setId(ID + "-" + plural(level));
        vs.setUrl(valueSetUrl(level));
        vs.setName("VNAdministrativeUnits" + Character.toUpperCase(level.charAt(0)) + plural(level).substring(1));
        vs.setTitle(title);
        vs.setDescription("Mọi đơn vị hành chính cấp " + level + " của danh mục phiên bản " + version
                + ". All administrative units of level " + level + " in version " + version + " of " + SYSTEM + ".");
        vs.getCompose().addInclude().setSystem(SYSTEM).setVersion(version).addFilter()
                .setProperty(PROPERTY_LEVEL).setOp(ValueSet.FilterOperator.EQUAL).setValue(level);
        return vs;
    }

    private static void metadata(MetadataResource r, String version, LocalDate effectiveFrom) {
        r.setLanguage("vi");
        r.setUrl(SYSTEM);
        r.setVersion(version);
        r.setStatus(PublicationStatus.ACTIVE);
        r.setExperimental(false);
        r.setDateElement(new DateTimeType(effectiveFrom.toString()));
        r.setPublisher(PUBLISHER);
        r.addExtension(EFFECTIVE_PERIOD_EXTENSION, new Period().setStartElement(new DateTimeType(effectiveFrom.toString())));
    }

    private static void property(CodeSystem cs, String code, CodeSystem.PropertyType type, String description) {
        cs.addProperty().setCode(code).setType(type).setDescription(description);
    }

    private static ConceptDefinitionComponent concept(AdminUnitList units, AdminUnit unit) {
        ConceptDefinitionComponent c = new ConceptDefinitionComponent().setCode(unit.code()).setDisplay(unit.name());
        c.addProperty().setCode(PROPERTY_LEVEL).setValue(new CodeType(unit.level()));
        c.addProperty().setCode(PROPERTY_UNIT_TYPE).setValue(new StringType(unit.unitType()));
        if (unit.parentCode() != null) {
            c.addProperty().setCode(PROPERTY_PARENT).setValue(new CodeType(unit.parentCode()));
        }
        if (unit.englishName() != null) {
            c.addProperty().setCode(PROPERTY_ENGLISH_NAME).setValue(new StringType(unit.englishName()));
        }
        if (unit.abbreviation() != null) {
            c.addProperty().setCode(PROPERTY_ABBREVIATION).setValue(new StringType(unit.abbreviation()));
        }
        if (!AdministrativeUnits.LEVEL_COMMUNE.equals(unit.level())) {
            units.children(unit.code()).forEach(child -> c.addConcept(concept(units, child)));
        }
        return c;
    }
}
