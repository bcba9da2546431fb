package io.dbtools.policies;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Names of the backups a policy writes ({@code dbtools-<kind>-<database>-<UTC time>[.ext]}) and the
 * retention that deletes earlier ones. Age comes from the name, not the file's mtime, so a copied or
 * touched file keeps its age, and only files DbTools named are ever deleted.
 */
final class Retention {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Retention() {}

    static String name(String kind, String database, Instant at, String extension) {
        return "dbtools-" + kind + "-" + safe(database) + "-" + STAMP.format(at) + extension;
    }

    /** Database names become file names: anything outside [A-Za-z0-9_.-] turns into _. */
    static String safe(String database) {
        return database.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /**
     * Deletes this kind's backups of this database in {@code dir} older than {@code days} before
     * {@code now}, keeping {@code keep} whatever its age; 0 days keeps everything.
     *
     * @return the names deleted
     */
    static List<String> apply(Path dir, String kind, String database, int days, Instant now, Path keep) throws IOException {
        List<String> deleted = new ArrayList<>();
        if (days <= 0) return deleted;
        Pattern own = Pattern.compile(Pattern.quote("dbtools-" + kind + "-" + safe(database) + "-") + "(\\d{8}T\\d{6}Z)(\\.[a-z.]+)?");
        Instant cutoff = now.minus(Duration.ofDays(days));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                Matcher m = own.matcher(p.getFileName().toString());
                if (!m.matches() || p.equals(keep)) continue;
                Instant at;
                try {
                    at = Instant.from(STAMP.parse(m.group(1)));
                } catch (DateTimeParseException e) {
                    continue;
                }
                if (at.isBefore(cutoff)) {
                    deleteTree(p);
                    deleted.add(p.getFileName().toString());
                }
            }
        }
        return deleted;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> all = Files.walk(p)) {
            for (Path q : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
