package vn.ehealth.nhr.loaders.synthetic;

import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import vn.ehealth.nhr.terminology.AdministrativeUnits;

/** Addresses coded with the administrative-address extension of VN Core (province, district, commune). */
final class Addresses {

    private static final String EXTENSION = "http://fhir.ehealth.gov.vn/core/StructureDefinition/extension-administrative-address";

    private Addresses() {
    }

    static Address of(Geography.Commune c, String line, String use) {
        Extension admin = new Extension(EXTENSION);
        admin.addExtension("state", code(c.provinceCode()));
        admin.addExtension("district", code(c.districtCode()));
        admin.addExtension("ward", code(c.communeCode()));
        Address a = new Address();
        a.addExtension(admin);
        a.setUse(Address.AddressUse.fromCode(use));
        a.addLine(line);
        a.setText(line + ", " + c.communeName() + ", " + c.districtName() + ", " + c.provinceName());
        a.setCity(c.provinceName());
        a.setCountry("VN");
        return a;
    }

    private static CodeableConcept code(String code) {
        return new CodeableConcept(new Coding(AdministrativeUnits.SYSTEM, code, null));
    }
}
