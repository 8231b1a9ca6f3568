package io.sage4j.report;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The JSON fixtures under {@code src/test/resources/report}: {@code good/} results, {@code bad/} broken files. */
final class Fixtures {
    private Fixtures() {}

    static Path dir(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/report/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path good() {
        return dir("good");
    }

    static Path good(String file) {
        return good().resolve(file);
    }

    static Path bad(String file) {
        return dir("bad").resolve(file);
    }
}
