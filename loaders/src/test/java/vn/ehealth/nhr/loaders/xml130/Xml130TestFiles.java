package vn.ehealth.nhr.loaders.xml130;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The QĐ 130 test files under {@code src/test/resources/xml130} (synthetic, written for these tests). */
final class Xml130TestFiles {

    private Xml130TestFiles() {
    }

    static Path file(String name) {
        try {
            return Path.of(Xml130TestFiles.class.getResource("/xml130/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Xml130Episode> read(String name) throws Exception {
        List<Xml130Episode> episodes = new ArrayList<>();
        new Xml130Reader().read(file(name), episodes::add);
        return episodes;
    }
}
