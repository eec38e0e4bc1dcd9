package vn.ehealth.nhr.ig;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.ImplementationGuide;
import org.hl7.fhir.r4.model.ImplementationGuide.SPDXLicense;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StructureDefinition;
import vn.ehealth.nhr.ig.site.GuideSite;
import vn.ehealth.nhr.profiles.NhrProfiles;
import vn.ehealth.nhr.terminology.ConformanceResourceFolder;
import vn.ehealth.nhr.terminology.NhrTerminology;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the NPM FHIR package {@code vn.ehealth.nhr} (the format FHIR tooling and HAPI's package
 * installer read) from the profiles and terminology modules, plus the ImplementationGuide resource
 * that lists them. Runs at build time (see ig/pom.xml); the server installs the result at start-up.
 */
public final class IgPackageBuilder {

    private static final List<ConformanceResourceFolder> SOURCES = List.of(NhrProfiles.CONTENT, NhrTerminology.CONTENT);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final FhirContext fhirContext;

    public IgPackageBuilder(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /**
     * Usage: IgPackageBuilder OUTPUT_DIR MAVEN_VERSION [EXAMPLES_SOURCE_DIR EXAMPLES_OUTPUT_DIR]. The
     * examples are read from the sources (so a deleted example cannot linger from an earlier build)
     * and indexed in the output.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2 && args.length != 4) {
            throw new IllegalArgumentException(
                    "usage: IgPackageBuilder <output-dir> <version> [<examples-source-dir> <examples-output-dir>]");
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        GuideExamples examples = args.length == 4 ? GuideExamples.scan(Path.of(args[2])) : GuideExamples.none();
        if (args.length == 4) {
            examples.writeIndexes(Path.of(args[3]));
        }
        FhirContext fhirContext = FhirContext.forR4();
        byte[] tgz = new IgPackageBuilder(fhirContext).build(args[1], examples);
        Path target = out.resolve(NhrImplementationGuide.PACKAGE_ID + ".tgz");
        Files.write(target, tgz);
        System.out.println("[nhr-ig] wrote " + target + " (" + tgz.length + " bytes, "
                + examples.valid().size() + " examples)");
        // the guide as HTML next to the package (classpath:ig/site/, served by the server at /ig/)
        long start = System.nanoTime();
        Path site = out.resolve("site");
        int pages = new GuideSite(fhirContext).write(tgz, examples, site);
        System.out.println("[nhr-ig] wrote the guide site " + site + " (" + pages + " files, "
                + (System.nanoTime() - start) / 1_000_000 + " ms)");
    }

    /** The package without examples. */
    public byte[] build(String mavenVersion) throws IOException {
        return build(mavenVersion, GuideExamples.none());
    }

    /**
     * The package as gzipped tar bytes. A Maven SNAPSHOT version becomes an NPM prerelease that
     * carries a hash of the content ("0.1.0-snapshot.3f2a9c1e"): HAPI keeps the first package it
     * sees under a given version, so changed content must get a new version to be installed.
     */
    public byte[] build(String mavenVersion, GuideExamples examples) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<MetadataResource> resources = new ArrayList<>();
        for (ConformanceResourceFolder folder : SOURCES) {
            for (String file : folder.files()) {
                IBaseResource parsed = fhirContext.newJsonParser().parseResource(folder.readJson(file));
                // NamingSystem is the one R4 conformance resource without a url (it has uniqueIds)
                if (!(parsed instanceof MetadataResource md) || (!md.hasUrl() && !"NamingSystem".equals(md.fhirType()))) {
                    throw new IllegalStateException(file + ": every guide resource must be a canonical resource with a url");
                }
                if (files.containsKey(file)) {
                    throw new IllegalStateException(file + ": two modules ship a resource with the same file name");
                }
                files.put(file, folder.readJson(file).getBytes(StandardCharsets.UTF_8));
                resources.add(md);
            }
        }
        withSnapshots(files, resources);
        for (Map.Entry<String, byte[]> e : examples.valid().entrySet()) {
            files.put("example/" + e.getKey(), e.getValue());
        }
        String version = NhrImplementationGuide.npmVersion(mavenVersion);
        if (mavenVersion.endsWith("-SNAPSHOT")) {
            version += "." + contentHash(files);
        }
        ImplementationGuide ig = implementationGuide(version, resources);
        String igFile = "ImplementationGuide-" + NhrImplementationGuide.PACKAGE_ID + ".json";
        files.put(igFile, fhirContext.newJsonParser().setPrettyPrint(true).encodeResourceToString(ig)
                .getBytes(StandardCharsets.UTF_8));

        List<IBaseResource> indexed = new ArrayList<>(resources);
        indexed.add(ig);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            add(tar, "package/package.json", packageJson(version));
            List<String> packageFiles = files.keySet().stream().filter(f -> !f.startsWith("example/")).toList();
            add(tar, "package/.index.json", indexJson(packageFiles, indexed));
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                add(tar, "package/" + f.getKey(), f.getValue());
            }
        }
        return bytes.toByteArray();
    }

    /** Replaces every StructureDefinition's file by the same definition with its snapshot. */
    private void withSnapshots(Map<String, byte[]> files, List<MetadataResource> resources) {
        List<StructureDefinition> definitions = new ArrayList<>();
        List<IBaseResource> others = new ArrayList<>();
        List<String> definitionFiles = new ArrayList<>();
        List<String> names = new ArrayList<>(files.keySet());
        for (int i = 0; i < resources.size(); i++) {
            if (resources.get(i) instanceof StructureDefinition sd) {
                definitions.add(sd);
                definitionFiles.add(names.get(i));
            } else {
                others.add(resources.get(i));
            }
        }
        List<StructureDefinition> generated = new SnapshotGenerator(fhirContext).generate(definitions, others);
        for (int i = 0; i < generated.size(); i++) {
            StructureDefinition sd = generated.get(i);
            files.put(definitionFiles.get(i), fhirContext.newJsonParser().setPrettyPrint(true)
                    .encodeResourceToString(sd).getBytes(StandardCharsets.UTF_8));
            resources.set(resources.indexOf(definitions.get(i)), sd);
        }
    }

    private ImplementationGuide implementationGuide(String version, List<MetadataResource> resources) {
        ImplementationGuide ig = new ImplementationGuide();
        ig.setId(NhrImplementationGuide.PACKAGE_ID);
        ig.setUrl(NhrImplementationGuide.IG_URL);
        ig.setVersion(version);
        ig.setName("VNNationalHealthRecord");
        ig.setTitle(NhrImplementationGuide.TITLE);
        ig.setStatus(Enumerations.PublicationStatus.DRAFT);
        ig.setPublisher("Bộ Y tế (Ministry of Health of Viet Nam)");
        ig.setPackageId(NhrImplementationGuide.PACKAGE_ID);
        ig.setLicense(SPDXLicense.CC0_1_0);
        ig.addFhirVersion(Enumerations.FHIRVersion._4_0_1);
        for (MetadataResource r : resources) {
            ig.getDefinition().addResource()
                    .setReference(new Reference(r.fhirType() + "/" + r.getIdElement().getIdPart()))
                    .setName(r.hasTitle() ? r.getTitle() : r.getName())
                    .setExample(new org.hl7.fhir.r4.model.BooleanType(false));
        }
        return ig;
    }

    private byte[] packageJson(String version) throws IOException {
        ObjectNode p = JSON.createObjectNode();
        p.put("name", NhrImplementationGuide.PACKAGE_ID);
        p.put("version", version);
        p.put("canonical", NhrImplementationGuide.CANONICAL);
        p.put("url", NhrImplementationGuide.CANONICAL);
        p.put("title", NhrImplementationGuide.TITLE);
        p.put("description", "Profiles, identifier systems and national catalogues of Vietnam's FHIR national health record.");
        p.put("type", "fhir.ig");
        p.put("license", "CC0-1.0");
        p.put("author", "Bộ Y tế (Ministry of Health of Viet Nam)");
        p.put("jurisdiction", "urn:iso:std:iso:3166#VN");
        p.putArray("fhirVersions").add(NhrImplementationGuide.FHIR_VERSION);
        p.putObject("dependencies").put("hl7.fhir.r4.core", NhrImplementationGuide.FHIR_VERSION);
        return JSON.writeValueAsBytes(p);
    }

    private byte[] indexJson(List<String> fileNames, List<IBaseResource> resources) throws IOException {
        ObjectNode index = JSON.createObjectNode();
        index.put("index-version", 1);
        ArrayNode entries = index.putArray("files");
        for (int i = 0; i < fileNames.size(); i++) {
            MetadataResource r = (MetadataResource) resources.get(i);
            ObjectNode e = entries.addObject();
            e.put("filename", fileNames.get(i));
            e.put("resourceType", r.fhirType());
            e.put("id", r.getIdElement().getIdPart());
            if (r.hasUrl()) {
                e.put("url", r.getUrl());
            }
            if (r.hasVersion()) {
                e.put("version", r.getVersion());
            }
        }
        return JSON.writeValueAsBytes(index);
    }

    private static String contentHash(Map<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                sha.update(f.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update(f.getValue());
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        ((OutputStream) tar).write(content);
        tar.closeArchiveEntry();
    }
}
