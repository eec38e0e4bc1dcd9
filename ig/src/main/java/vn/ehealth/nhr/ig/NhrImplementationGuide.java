package vn.ehealth.nhr.ig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Names of the national implementation guide and where its NPM package sits on the classpath. */
public final class NhrImplementationGuide {

    public static final String PACKAGE_ID = "vn.ehealth.nhr";
    public static final String CANONICAL = "http://fhir.ehealth.gov.vn/nhr";
    public static final String IG_URL = CANONICAL + "/ImplementationGuide/" + PACKAGE_ID;
    public static final String FHIR_VERSION = "4.0.1";
    public static final String TITLE = "Hướng dẫn triển khai Hồ sơ sức khỏe điện tử quốc gia (Vietnam National Health Record)";

    /** Classpath location of the package built by {@link IgPackageBuilder} into this module's jar. */
    public static final String PACKAGE_CLASSPATH = "ig/" + PACKAGE_ID + ".tgz";

    private NhrImplementationGuide() {
    }

    /** The bytes of the package shipped in this module's jar. */
    public static byte[] packageBytes() {
        try (InputStream in = NhrImplementationGuide.class.getClassLoader().getResourceAsStream(PACKAGE_CLASSPATH)) {
            if (in == null) {
                throw new IllegalStateException("The implementation-guide package " + PACKAGE_CLASSPATH
                        + " is not on the classpath; build the ig module (./mvnw -pl ig -am install)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** NPM version of a Maven version: "0.1.0-SNAPSHOT" becomes the prerelease "0.1.0-snapshot". */
    public static String npmVersion(String mavenVersion) {
        return mavenVersion.replace("-SNAPSHOT", "-snapshot");
    }
}
