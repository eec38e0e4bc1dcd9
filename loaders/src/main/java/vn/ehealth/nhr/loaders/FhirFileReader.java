package vn.ehealth.nhr.loaders;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import org.hl7.fhir.instance.model.api.IBaseResource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds FHIR JSON/XML files under the given paths and parses them, keeping a precise problem for
 * every file that cannot be loaded, so that a dry run reports all of them at once.
 */
final class FhirFileReader {

    /** A file that parsed, with its resource. */
    record Parsed(Path file, IBaseResource resource) {
    }

    /** A file that did not, with why (already phrased for the person running the loader). */
    record Problem(Path file, String message) {
        @Override
        public String toString() {
            return file + ": " + message;
        }
    }

    record Result(List<Parsed> parsed, List<Problem> problems) {
    }

    private final FhirContext fhirContext;

    FhirFileReader(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    Result read(List<Path> roots) {
        List<Parsed> parsed = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path file : expand(roots, problems)) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (text.startsWith("\uFEFF")) {
                    text = text.substring(1); // tolerate the BOM some Windows editors write
                }
                IBaseResource resource = file.toString().endsWith(".xml")
                        ? fhirContext.newXmlParser().parseResource(text)
                        : fhirContext.newJsonParser().parseResource(text);
                parsed.add(new Parsed(file, resource));
            } catch (DataFormatException e) {
                problems.add(new Problem(file, "not a valid FHIR R4 resource: " + e.getMessage()));
            } catch (IOException | RuntimeException e) {
                problems.add(new Problem(file, "cannot be read: " + e.getMessage()));
            }
        }
        return new Result(parsed, problems);
    }

    private static List<Path> expand(List<Path> roots, List<Problem> problems) {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                problems.add(new Problem(root, "no such file or folder"));
            } else if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(Files::isRegularFile).filter(FhirFileReader::isFhirFile)
                            .sorted(Comparator.naturalOrder()).forEach(files::add);
                } catch (IOException e) {
                    problems.add(new Problem(root, "cannot list folder: " + e.getMessage()));
                }
            } else if (isFhirFile(root)) {
                files.add(root);
            } else {
                problems.add(new Problem(root, "unsupported file type (expected .json or .xml)"));
            }
        }
        return files;
    }

    private static boolean isFhirFile(Path p) {
        String name = p.getFileName().toString().toLowerCase();
        return name.endsWith(".json") || name.endsWith(".xml");
    }
}
