package io.dbtools.rules.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Re-renders a mixin with its render script into a scratch directory and compares with the committed files. */
public final class Rendered {

    private Rendered() {}

    /**
     * @param script    the module's render.sh (takes the output directory as its argument)
     * @param committed the directory holding the committed rendered files
     * @param suffix    which files in it are rendered (others, e.g. a README, are left alone)
     */
    public static void assertUpToDate(Path script, Path committed, String suffix) {
        Tool.JSONNET.path(); // a missing jsonnet names its Debian package, not a bash error
        Path scratch;
        try {
            scratch = Files.createTempDirectory("dbtools-render");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Tool.BASH.runOk(script.getParent(), script.toString(), scratch.toString());
        String regenerate = "run " + Repo.root().relativize(script) + " and commit the result";
        List<String> expected = names(scratch, suffix);
        assertEquals(expected, names(committed, suffix),
                "rendered files differ from the committed ones in " + committed + ": " + regenerate);
        for (String name : expected) {
            String want = Repo.read(scratch.resolve(name));
            String have = Repo.read(committed.resolve(name));
            if (!want.equals(have)) {
                fail(committed.resolve(name) + " is not what the mixin renders (first difference at line "
                        + firstDifferentLine(want, have) + "): " + regenerate);
            }
        }
    }

    private static List<String> names(Path dir, String suffix) {
        return Repo.files(dir, suffix).stream().map(p -> dir.relativize(p).toString()).sorted().toList();
    }

    private static int firstDifferentLine(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!x[i].equals(y[i])) {
                return i + 1;
            }
        }
        return Math.min(x.length, y.length) + 1;
    }
}
