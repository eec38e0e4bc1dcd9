package vn.ehealth.nhr.terminology;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.instance.model.api.IBaseResource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A classpath folder of FHIR JSON resources with an explicit table of contents.
 *
 * <p>Content modules (terminology, profiles) list their files instead of scanning the classpath so
 * that a forgotten or misspelled file fails the build rather than silently vanishing from the
 * implementation-guide package.
 */
public record ConformanceResourceFolder(String folder, List<String> files) {

    public ConformanceResourceFolder {
        folder = folder.endsWith("/") ? folder : folder + "/";
        files = List.copyOf(files);
    }

    /** Raw JSON of one listed file. */
    public String readJson(String fileName) {
        String path = folder + fileName;
        try (InputStream in = ConformanceResourceFolder.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Conformance resource missing from the classpath: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read conformance resource " + path, e);
        }
    }

    /** One listed file, parsed as the given type. */
    public <T extends IBaseResource> T parse(FhirContext fhirContext, Class<T> type, String fileName) {
        return fhirContext.newJsonParser().parseResource(type, readJson(fileName));
    }

    /** Every listed file, parsed, in table-of-contents order. */
    public List<IBaseResource> parseAll(FhirContext fhirContext) {
        return files.stream().map(f -> fhirContext.newJsonParser().parseResource(readJson(f))).toList();
    }
}
