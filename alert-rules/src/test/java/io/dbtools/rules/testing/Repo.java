package io.dbtools.rules.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Paths in the repository, found from the module directory Maven runs the tests in. */
public final class Repo {

    private Repo() {}

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("alert-rules/mixin")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        return fail("repository root (with alert-rules/mixin) not found above " + dir);
    }

    public static Path alertRules() {
        return root().resolve("alert-rules");
    }

    public static Path dashboards() {
        return root().resolve("dashboards");
    }

    /** Regular files under dir whose name ends with suffix, sorted. */
    public static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
