package vn.ehealth.nhr.ig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The guide's examples: {@code nhr/examples/valid/*.json} must conform and go into the package;
 * {@code nhr/examples/invalid/*.json} must each break exactly the rule their file name ends with,
 * after a double dash ({@code patient-cccd-wrong-sex--nhr-pat-cccd-sex.json} breaks
 * {@code nhr-pat-cccd-sex}). The build writes an {@code index.txt} into each folder so the examples
 * can be listed from a jar.
 */
public record GuideExamples(Map<String, byte[]> valid, Map<String, byte[]> invalid) {

    public static final String CLASSPATH_FOLDER = "nhr/examples/";

    public static GuideExamples none() {
        return new GuideExamples(Map.of(), Map.of());
    }

    /** Reads the examples from a folder on disk (the build). */
    public static GuideExamples scan(Path folder) throws IOException {
        return new GuideExamples(read(folder.resolve("valid")), read(folder.resolve("invalid")));
    }

    /** Reads the examples from the classpath (tests, the server), through the build's indexes. */
    public static GuideExamples fromClasspath() {
        return new GuideExamples(readClasspath("valid"), readClasspath("invalid"));
    }

    /** The rule an invalid example breaks, from its file name. */
    public static String expectedRule(String invalidFileName) {
        String stem = invalidFileName.substring(0, invalidFileName.length() - ".json".length());
        int dashes = stem.lastIndexOf("--");
        if (dashes < 0) {
            throw new IllegalArgumentException(invalidFileName + ": an invalid example's file name must end with --<rule>.json");
        }
        return stem.substring(dashes + 2);
    }

    void writeIndexes(Path folder) throws IOException {
        for (String kind : List.of("valid", "invalid")) {
            Path dir = folder.resolve(kind);
            Files.createDirectories(dir);
            Map<String, byte[]> files = kind.equals("valid") ? valid : invalid;
            Files.writeString(dir.resolve("index.txt"), String.join("\n", files.keySet()) + "\n", StandardCharsets.UTF_8);
        }
    }

    private static Map<String, byte[]> read(Path dir) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        List<Path> paths;
        try (Stream<Path> list = Files.list(dir)) {
            paths = new ArrayList<>(list.filter(p -> p.getFileName().toString().endsWith(".json")).toList());
        }
        Collections.sort(paths);
        for (Path p : paths) {
            files.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
        return files;
    }

    private static Map<String, byte[]> readClasspath(String kind) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        String index = resource(CLASSPATH_FOLDER + kind + "/index.txt");
        if (index == null) {
            return files;
        }
        for (String name : index.split("\n")) {
            if (!name.isBlank()) {
                files.put(name.trim(), resource(CLASSPATH_FOLDER + kind + "/" + name.trim()).getBytes(StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static String resource(String path) {
        try (InputStream in = GuideExamples.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
