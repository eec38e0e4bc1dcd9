package vn.ehealth.nhr.profiles;

import vn.ehealth.nhr.terminology.ConformanceResourceFolder;

import java.util.List;

/**
 * Conformance resources of the national guide authored in this module (NamingSystems today;
 * StructureDefinitions, extensions and SearchParameters join them as the profiles are written).
 */
public final class NhrProfiles {

    public static final ConformanceResourceFolder CONTENT = new ConformanceResourceFolder("nhr/profiles", List.of(
            "NamingSystem-vn-nhr-sid-national-id.json",
            "NamingSystem-vn-nhr-sid-insurance-number.json",
            "NamingSystem-vn-nhr-sid-passport-number.json",
            "NamingSystem-vn-nhr-sid-facility-code.json",
            "NamingSystem-vn-nhr-sid-practitioner-licence.json",
            "NamingSystem-vn-nhr-sid-prescription-code.json"));

    private NhrProfiles() {
    }
}
