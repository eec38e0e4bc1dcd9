package vn.ehealth.nhr.loaders.synthetic;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import vn.ehealth.nhr.profiles.NhrIdentifierSystems;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The synthetic facilities and their doctors: one general hospital per province, coded
 * {@code <province>S01} (the S marks it synthetic, so it never collides with a real facility code), at
 * a real commune of that province, with one attending doctor each. Written once before the citizens, as
 * PUTs with stable ids, so loading twice changes nothing.
 */
final class Directory {

    record Facility(String code, String name, String organizationId, String practitionerId, String practitionerName,
                    Geography.Province province, Organization organization, Practitioner practitioner) {
    }

    private final List<Facility> facilities = new ArrayList<>();
    private final Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);

    Directory(Geography geography, Templates templates, long seed) {
        Random random = new Random(seed);
        int n = 0;
        for (Geography.Province province : geography.provinces()) {
            n++;
            String code = province.code() + "S01";
            Geography.Commune site = province.communes().get(0);
            Organization org = templates.organization();
            org.setId("cs-" + code.toLowerCase());
            org.setText(null);
            org.getIdentifierFirstRep().setValue(code);
            String name = "Bệnh viện đa khoa " + province.name() + " (mô phỏng)";
            org.setName(name).getAlias().clear();
            org.addAlias("BVĐK " + province.name());
            org.getType().get(1).getCodingFirstRep().setCode("2").setDisplay(null); // provincial level (tuyến tỉnh)
            org.getTelecom().clear();
            org.setAddress(List.of(Addresses.of(site, "Số " + (1 + random.nextInt(300)) + " đường Trần Hưng Đạo", "work")));
            put(org);

            boolean male = random.nextBoolean();
            VietnameseNames.Name doctor = VietnameseNames.draw(random, male);
            Practitioner p = templates.practitioner();
            p.setId("bs-" + code.toLowerCase());
            p.setText(null);
            String licence = String.format("%06d/%s-CCHN", n, code);
            p.getIdentifier().clear();
            p.addIdentifier(new Identifier().setUse(Identifier.IdentifierUse.OFFICIAL)
                    .setSystem(NhrIdentifierSystems.PRACTITIONER_LICENCE).setValue(licence));
            p.getName().clear();
            p.addName(new HumanName().setUse(HumanName.NameUse.OFFICIAL).setText(doctor.text()).setFamily(doctor.family())
                    .addGiven(doctor.middle()).addGiven(doctor.given()).addPrefix("BS"));
            p.setGender(male ? Enumerations.AdministrativeGender.MALE : Enumerations.AdministrativeGender.FEMALE);
            p.setBirthDate(null);
            p.getQualification().clear();
            p.addQualification().setCode(new CodeableConcept().setText("Chứng chỉ hành nghề khám bệnh, chữa bệnh: bác sĩ"))
                    .addIdentifier(new Identifier().setSystem(NhrIdentifierSystems.PRACTITIONER_LICENCE).setValue(licence));
            put(p);
            facilities.add(new Facility(code, name, org.getIdElement().getIdPart(), p.getIdElement().getIdPart(),
                    "BS. " + doctor.text(), province, org, p));
        }
    }

    private void put(org.hl7.fhir.r4.model.Resource r) {
        bundle.addEntry().setFullUrl(r.fhirType() + "/" + r.getIdElement().getIdPart()).setResource(r).getRequest()
                .setMethod(Bundle.HTTPVerb.PUT).setUrl(r.fhirType() + "/" + r.getIdElement().getIdPart());
    }

    List<Facility> facilities() {
        return facilities;
    }

    /** The facility of a province (every province has one). */
    Facility of(String provinceCode) {
        return facilities.stream().filter(f -> f.province().code().equals(provinceCode)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no facility in province " + provinceCode));
    }

    Bundle bundle() {
        return bundle;
    }
}
