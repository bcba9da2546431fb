package io.dbtools.policies;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the client programs policies run (pg_dump, pg_restore, pg_basebackup, mongodump) are looked
 * up: in the given directories, in order. {@link #onPath(Path)} is the usual one: an optional
 * directory first ({@code DBTOOLS_PG_BIN}, for a pg_dump newer than the distribution's), then PATH.
 */
public record Tools(List<Path> directories) {

    public Tools {
        directories = List.copyOf(directories);
    }

    /** PATH only. */
    public static Tools onPath() {
        return onPath(null);
    }

    /** {@code first} (when not null), then every PATH directory. */
    public static Tools onPath(Path first) {
        List<Path> dirs = new ArrayList<>();
        if (first != null) dirs.add(first);
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                if (!d.isBlank()) dirs.add(Path.of(d));
            }
        }
        return new Tools(dirs);
    }

    /** The named program, if one of the directories has it as an executable file. */
    public Optional<Path> find(String program) {
        for (Path dir : directories) {
            Path p = dir.resolve(program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }
}
