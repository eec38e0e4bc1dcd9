package vn.ehealth.nhr.server.ig;

import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;
import ca.uhn.fhir.jpa.term.api.ITermDeferredStorageSvc;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import vn.ehealth.nhr.ig.NhrImplementationGuide;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Installs the national guide's NPM package, shipped inside the server, into the database at
 * start-up (no network access): its NamingSystems, CodeSystems, ValueSets and, as they are
 * written, StructureDefinitions and SearchParameters become resources the validator and the
 * terminology services use. Runs before the server reports itself ready.
 */
@Component
@Order(0)
public class ImplementationGuideInstaller implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ImplementationGuideInstaller.class);

    private final IPackageInstallerSvc packageInstaller;
    private final ITermDeferredStorageSvc deferredTerminologyStorage;
    private final InstalledGuides installedGuides;

    public ImplementationGuideInstaller(IPackageInstallerSvc packageInstaller,
            ITermDeferredStorageSvc deferredTerminologyStorage, InstalledGuides installedGuides) {
        this.packageInstaller = packageInstaller;
        this.deferredTerminologyStorage = deferredTerminologyStorage;
        this.installedGuides = installedGuides;
    }

    @Override
    public void run(ApplicationArguments args) {
        byte[] bytes = NhrImplementationGuide.packageBytes();
        NpmPackage npm;
        try {
            npm = NpmPackage.fromPackage(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("The shipped implementation-guide package cannot be read", e);
        }
        PackageInstallationSpec spec = new PackageInstallationSpec()
                .setName(npm.name())
                .setVersion(npm.version())
                .setPackageContents(bytes)
                .setFetchDependencies(false)
                .setInstallMode(PackageInstallationSpec.InstallModeEnum.STORE_AND_INSTALL);
        spec.setReloadExisting(true);
        packageInstaller.install(spec);
        // HAPI writes the concepts of large code systems in the background; finish that first, so
        // "ready" means every shipped catalogue answers $lookup, $subsumes and $expand.
        deferredTerminologyStorage.saveAllDeferred();
        installedGuides.add(NhrImplementationGuide.IG_URL + "|" + npm.version());
        LOG.info("Implementation guide {}#{} installed", npm.name(), npm.version());
    }
}
