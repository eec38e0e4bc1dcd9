package vn.ehealth.nhr.loaders.external;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The files of an official release (its zip, or the folder it was unzipped into) that HAPI's loader
 * reads, checked against a {@link ReleaseSpec} and repacked into one zip for the upload: only what
 * HAPI uses is sent, compressed, because a full release is large and the server limits request size.
 *
 * @param source   the zip or folder given on the command line
 * @param wanted   paths inside the release ('/'-separated) that will be sent, in release order
 * @param problems "source: problem" lines, one per requirement the release does not meet
 */
public record ReleaseFiles(Path source, List<String> wanted, List<String> problems) {

    /** Lists the release and checks it; reads no file content yet. */
    public static ReleaseFiles collect(Path source, ReleaseSpec spec) {
        List<String> all;
        try {
            all = listPaths(source);
        } catch (IOException | UncheckedIOException e) {
            return new ReleaseFiles(source, List.of(), List.of(source + ": cannot be read: " + e.getMessage()));
        }
        List<String> wanted = all.stream().filter(spec::wanted).toList();
        List<String> problems = new ArrayList<>();
        for (ReleaseSpec.Requirement r : spec.required()) {
            boolean met = r.alternatives().stream()
                    .anyMatch(alt -> alt.stream().allMatch(p -> wanted.stream().anyMatch(w -> spec.matches(w, p))));
            if (!met) {
                problems.add(source + ": missing " + r.label() + " (required by HAPI's " + spec.name() + " loader)");
            }
        }
        return new ReleaseFiles(source, wanted, List.copyOf(problems));
    }

    /** The wanted files, with their release paths, as one zip (HAPI's loader unpacks zips itself). */
    public byte[] toZip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            if (Files.isDirectory(source)) {
                for (String path : wanted) {
                    try (InputStream in = Files.newInputStream(source.resolve(path))) {
                        copy(zip, path, in);
                    }
                }
            } else {
                try (ZipFile release = new ZipFile(source.toFile())) {
                    for (String path : wanted) {
                        try (InputStream in = release.getInputStream(release.getEntry(path))) {
                            copy(zip, path, in);
                        }
                    }
                }
            }
        }
        return bytes.toByteArray();
    }

    private static void copy(ZipOutputStream zip, String path, InputStream in) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        in.transferTo(zip);
        zip.closeEntry();
    }

    private static List<String> listPaths(Path source) throws IOException {
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.walk(source)) {
                return files.filter(Files::isRegularFile).sorted()
                        .map(f -> source.relativize(f).toString().replace('\\', '/')).toList();
            }
        }
        if (!Files.isRegularFile(source)) {
            throw new IOException("no such file or folder");
        }
        try (ZipFile zip = new ZipFile(source.toFile())) {
            return zip.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName).toList();
        }
    }
}
