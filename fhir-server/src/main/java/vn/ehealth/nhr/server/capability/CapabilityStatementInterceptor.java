package vn.ehealth.nhr.server.capability;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Enumerations;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;
import vn.ehealth.nhr.profiles.NhrProfiles;
import vn.ehealth.nhr.server.ig.InstalledGuides;

import java.util.Optional;

/**
 * Makes {@code GET /fhir/metadata} say what this server is: its name and version (so a vendor
 * can quote it in a support request), who publishes it, and which implementation guides it
 * enforces (canonical URLs a validator can fetch), and the national profile each resource type is
 * validated against on write ({@code rest.resource.supportedProfile}).
 */
@Component
@Interceptor
public class CapabilityStatementInterceptor {

    public static final String SOFTWARE_NAME = "NHR - Máy chủ Hồ sơ sức khỏe điện tử quốc gia (Vietnam national health record server)";

    private final String version;
    private final InstalledGuides installedGuides;

    public CapabilityStatementInterceptor(Optional<BuildProperties> build, InstalledGuides installedGuides) {
        this.version = build.map(BuildProperties::getVersion).orElse("development");
        this.installedGuides = installedGuides;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void describeServer(IBaseConformance generated) {
        CapabilityStatement cs = (CapabilityStatement) generated;
        cs.setText(null); // HAPI's generated narrative names HAPI, not this server
        cs.setName("VNNationalHealthRecordServer");
        cs.setTitle(SOFTWARE_NAME);
        cs.setPublisher("Bộ Y tế (Ministry of Health of Viet Nam)");
        cs.setStatus(Enumerations.PublicationStatus.ACTIVE);
        cs.getSoftware().setName(SOFTWARE_NAME).setVersion(version);
        cs.getImplementation().setDescription(SOFTWARE_NAME);
        cs.getImplementationGuide().clear();
        installedGuides.canonicals().forEach(cs::addImplementationGuide);
        // the profile each type is held to on write, so a client can find what it must send
        for (CapabilityStatement.CapabilityStatementRestComponent rest : cs.getRest()) {
            for (CapabilityStatement.CapabilityStatementRestResourceComponent resource : rest.getResource()) {
                String bundleType = "Bundle".equals(resource.getType()) ? "document" : null;
                NhrProfiles.profileFor(resource.getType(), bundleType).ifPresent(profile -> {
                    if (resource.getSupportedProfile().stream().noneMatch(p -> profile.equals(p.getValue()))) {
                        resource.addSupportedProfile(profile);
                    }
                });
            }
        }
    }
}
