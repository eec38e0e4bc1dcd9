package vn.ehealth.nhr.ig.site;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.ImplementationGuide;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.NamingSystem;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.utilities.npm.NpmPackage;
import vn.ehealth.nhr.ig.GuideExamples;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the site shows, read from the built NPM package (whatever it holds) plus the invalid
 * examples (which are not in the package). Knows which canonical URLs have a page of their own.
 */
final class GuideContent {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation";

    /** An example: its file name, resource type, the profiles it claims, its JSON text. */
    record Example(String file, String resourceType, List<String> profiles, String json) {
    }

    final NpmPackage npm;
    final ImplementationGuide guide;
    final List<StructureDefinition> structureDefinitions = new ArrayList<>();
    final List<CodeSystem> codeSystems = new ArrayList<>();
    final List<ValueSet> valueSets = new ArrayList<>();
    final List<NamingSystem> namingSystems = new ArrayList<>();
    final List<ConceptMap> conceptMaps = new ArrayList<>();
    final List<Example> validExamples = new ArrayList<>();
    final List<Example> invalidExamples = new ArrayList<>();
    private final Map<String, MetadataResource> byUrl = new LinkedHashMap<>();

    private GuideContent(NpmPackage npm, ImplementationGuide guide) {
        this.npm = npm;
        this.guide = guide;
    }

    static GuideContent read(FhirContext fhirContext, byte[] packageBytes, GuideExamples examples) throws IOException {
        NpmPackage npm = NpmPackage.fromPackage(new ByteArrayInputStream(packageBytes));
        IParser parser = fhirContext.newJsonParser();
        ImplementationGuide ig = null;
        List<String> igFiles = npm.listResources("ImplementationGuide");
        if (!igFiles.isEmpty()) {
            try (InputStream in = npm.loadResource(igFiles.get(0))) {
                ig = parser.parseResource(ImplementationGuide.class, in);
            }
        }
        GuideContent content = new GuideContent(npm, ig);
        content.load(npm, parser, "StructureDefinition", StructureDefinition.class, content.structureDefinitions);
        content.load(npm, parser, "CodeSystem", CodeSystem.class, content.codeSystems);
        content.load(npm, parser, "ValueSet", ValueSet.class, content.valueSets);
        content.load(npm, parser, "NamingSystem", NamingSystem.class, content.namingSystems);
        content.load(npm, parser, "ConceptMap", ConceptMap.class, content.conceptMaps);
        if (npm.getFolders().containsKey("example")) {
            for (String file : npm.list("example")) {
                try (InputStream in = npm.load("example", file)) {
                    content.validExamples.add(example(file, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        }
        for (Map.Entry<String, byte[]> e : examples.invalid().entrySet()) {
            content.invalidExamples.add(example(e.getKey(), new String(e.getValue(), StandardCharsets.UTF_8)));
        }
        return content;
    }

    private <T extends MetadataResource> void load(NpmPackage npm, IParser parser, String type, Class<T> kind,
            List<T> into) throws IOException {
        for (String file : npm.listResources(type)) {
            try (InputStream in = npm.loadResource(file)) {
                T resource = parser.parseResource(kind, in);
                into.add(resource);
                if (resource.hasUrl()) {
                    byUrl.putIfAbsent(resource.getUrl(), resource);
                }
            }
        }
        into.sort(Comparator.comparing(r -> r.getIdElement().getIdPart()));
    }

    private static Example example(String file, String json) {
        try {
            JsonNode tree = JSON.readTree(json);
            List<String> profiles = new ArrayList<>();
            tree.path("meta").path("profile").forEach(p -> profiles.add(p.asText()));
            String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
            return new Example(file, tree.path("resourceType").asText(), profiles, pretty);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": not JSON", e);
        }
    }

    /** Profiles of resources (not extensions, not data types). */
    List<StructureDefinition> profiles() {
        return structureDefinitions.stream().filter(sd -> !isExtension(sd)).toList();
    }

    List<StructureDefinition> extensions() {
        return structureDefinitions.stream().filter(GuideContent::isExtension).toList();
    }

    static boolean isExtension(StructureDefinition sd) {
        return "Extension".equals(sd.getType());
    }

    /** The file name of the page of a resource. */
    static String pageOf(MetadataResource r) {
        return r.fhirType() + "-" + r.getIdElement().getIdPart() + ".html";
    }

    /** The page of a canonical ({@code url} or {@code url|version}) when the package holds it. */
    String pageOf(String canonical) {
        return resource(canonical).filter(r -> !(r instanceof ConceptMap)).map(GuideContent::pageOf).orElse(null);
    }

    Optional<MetadataResource> resource(String canonical) {
        if (canonical == null) {
            return Optional.empty();
        }
        int bar = canonical.indexOf('|');
        return Optional.ofNullable(byUrl.get(bar < 0 ? canonical : canonical.substring(0, bar)));
    }

    Optional<StructureDefinition> structureDefinition(String canonical) {
        return resource(canonical).filter(StructureDefinition.class::isInstance).map(StructureDefinition.class::cast);
    }

    /** Display name: title, else name, else id. */
    static String label(MetadataResource r) {
        if (r.hasTitle()) {
            return r.getTitle();
        }
        return r.hasName() ? r.getName() : r.getIdElement().getIdPart();
    }

    /** Valid examples that claim this profile (or, claiming none, have its resource type). */
    List<Example> validExamplesOf(StructureDefinition sd) {
        return examplesOf(validExamples, sd);
    }

    List<Example> invalidExamplesOf(StructureDefinition sd) {
        return examplesOf(invalidExamples, sd);
    }

    private List<Example> examplesOf(List<Example> examples, StructureDefinition sd) {
        return examples.stream()
                .filter(e -> e.profiles().contains(sd.getUrl())
                        || (e.profiles().isEmpty() && !isExtension(sd) && e.resourceType().equals(sd.getType())
                                && profiles().stream().filter(p -> p.getType().equals(sd.getType())).count() == 1))
                .toList();
    }

    /** The English text of an invariant: the {@code translation} extension on {@code human}. */
    static String englishOf(ElementDefinition.ElementDefinitionConstraintComponent c) {
        for (Extension translation : c.getHumanElement().getExtensionsByUrl(TRANSLATION)) {
            Extension lang = translation.getExtensionByUrl("lang");
            Extension content = translation.getExtensionByUrl("content");
            if (lang != null && content != null && lang.hasValue() && content.hasValue()
                    && String.valueOf(lang.getValue().primitiveValue()).startsWith("en")) {
                return content.getValue().primitiveValue();
            }
        }
        return null;
    }
}
