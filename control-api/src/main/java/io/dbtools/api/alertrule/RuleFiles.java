package io.dbtools.api.alertrule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.alert.AlertingConfig;
import io.dbtools.api.web.ApiError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One Prometheus rules file per tenant, {@code <DBTOOLS_RULES_DIR>/tenant-<slug>.rules.yml}. A new
 * version is written beside the old one under a name Prometheus' {@code *.rules.yml} glob does
 * not match, checked with {@code promtool check rules}, and only then renamed over the old file,
 * so Prometheus never sees a half-written or rejected file.
 */
public final class RuleFiles {

    /** Keys sorted, so the same rules always give the same bytes and an unchanged file is left alone. */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS))
            .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final AlertingConfig config;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public RuleFiles(AlertingConfig config) {
        this.config = config;
    }

    public boolean configured() {
        return config.rulesDir() != null;
    }

    /** Serialises rule changes of one tenant: each renders the whole file from what it committed. */
    public ReentrantLock lock(String slug) {
        return locks.computeIfAbsent(slug, s -> new ReentrantLock());
    }

    public static String fileName(String slug) {
        return "tenant-" + slug + ".rules.yml";
    }

    /** The file's text for the tenant's enabled rules (an empty group when none is enabled). */
    public static String render(String slug, List<AlertRule> rules) {
        var group = Map.of("name", "dbtools-tenant-" + slug,
                "rules", rules.stream().filter(AlertRule::enabled).map(r -> r.prometheusRule(slug)).toList());
        try {
            return "# DbTools custom alert rules of tenant " + slug + ", written by the control API; edit them through /api/alert-rules.\n"
                    + YAML.writeValueAsString(Map.of("groups", List.of(group)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Replaces the tenant's file with {@code content} unless it already says exactly that.
     *
     * @return true when the file changed
     * @throws ApiError 400 with promtool's message when promtool rejects the content (the old file stays);
     *                  503 when promtool cannot be run
     */
    public boolean write(String slug, String content) {
        Path dir = config.rulesDir();
        Path target = dir.resolve(fileName(slug));
        try {
            Files.createDirectories(dir);
            if (Files.exists(target) && Files.readString(target).equals(content)) {
                return false;
            }
            Path temp = Files.createTempFile(dir, ".tenant-" + slug + "-", ".tmp");
            try {
                Files.writeString(temp, content, StandardCharsets.UTF_8);
                check(temp);
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                return true;
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** Removes the tenant's file (tenant suspended or deleted); true when there was one. */
    public boolean remove(String slug) {
        try {
            return Files.deleteIfExists(config.rulesDir().resolve(fileName(slug)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void check(Path file) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(config.promtool(), "check", "rules", file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new ApiError(503, null, "cannot run promtool to check the rules (install Prometheus' promtool or set DBTOOLS_PROMTOOL)");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ApiError(503, null, "promtool did not finish checking the rules within 30 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ApiError(503, null, "interrupted while checking the rules");
        }
        if (p.exitValue() != 0) {
            String message = out.replace(file.toString(), "the rules file").strip().replaceAll("\\s+", " ");
            throw ApiError.badRequest(null, "Prometheus rejects the rule (promtool check rules): "
                    + (message.length() > 500 ? message.substring(0, 500) + "..." : message));
        }
    }
}
