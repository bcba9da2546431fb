package io.dbtools.e2e.support;

import static org.junit.jupiter.api.Assertions.fail;

import io.dbtools.rules.testing.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The production configuration of the loop, made fast enough for a test: deploy/prometheus/prometheus.yml,
 * alert-rules/rendered/*.rules.yml and alert-rules/alertmanager.yml copied with local addresses, temp-file
 * credentials and short timings. Every edit must find what it replaces, so a changed production file
 * fails here instead of silently testing something else.
 *
 * <p>Timings: scrapes every {@value #SCRAPE_SECONDS} s (timeout the same), rules evaluated every 1 s (the slower fleet trend
 * group too), SD refreshed every 1 s; every
 * alert's {@code for:} becomes {@value #ALERT_FOR}; Alertmanager's group_wait and group_interval become 1 s.
 * Expressions, labels, routes, receivers and inhibitions are the production ones.
 */
public final class LoopConfig {

    /**
     * Short, yet long enough for the standby's first probe, whose three per-database collectors each
     * spend about a second failing on the missing database (see {@link Fleet#DROPPED_DATABASE}); later
     * probes fail them at once until the plugin's retry pause is over.
     */
    public static final int SCRAPE_SECONDS = 5;
    public static final String SCRAPE_INTERVAL = SCRAPE_SECONDS + "s";
    public static final String ALERT_FOR = "2s";

    /** Where the loop's parts listen and which files hold their credentials. */
    public record Addresses(int api, int exporter, int alertmanager, Path sdTokenFile, Path alertmanagerTokenFile, Path tenantRulesDir) {}

    private LoopConfig() {}

    /** prometheus.yml in {@code dir}, with the rules beside it in {@code dir/rules}. */
    public static Path prometheus(Path dir, Addresses a) {
        Path rules = dir.resolve("rules");
        for (Path f : Repo.files(Repo.alertRules().resolve("rendered"), ".rules.yml")) {
            String text = Repo.read(f);
            if (text.contains("dbtools-fleet-trends")) {
                // Its own interval (5 minutes) removed: evaluated at the global 1 s, like every other group.
                text = replaceAll(f, text, "(?<=name: 'dbtools-fleet-trends'\\n)    interval: '[0-9]+[smh]'\\n", "");
            }
            if (text.contains("alert:")) {
                text = replaceAll(f, text, "for: '[0-9]+[smh]'", "for: '" + ALERT_FOR + "'");
            }
            write(rules.resolve(f.getFileName().toString()), text);
        }
        Path source = Repo.root().resolve("deploy/prometheus/prometheus.yml");
        String y = Repo.read(source);
        y = replaceAll(source, y, "scrape_interval: 30s", "scrape_interval: " + SCRAPE_INTERVAL);
        y = replaceAll(source, y, "scrape_timeout: 10s", "scrape_timeout: " + SCRAPE_INTERVAL);
        y = replaceAll(source, y, "evaluation_interval: 30s", "evaluation_interval: 1s");
        y = replaceAll(source, y, "refresh_interval: 60s", "refresh_interval: 1s");
        y = replaceAll(source, y, "/etc/prometheus/rules/\\*\\.rules\\.yml", rules + "/*.rules.yml");
        y = replaceAll(source, y, "/etc/prometheus/tenant-rules/\\*\\.rules\\.yml", a.tenantRulesDir() + "/*.rules.yml");
        y = replaceAll(source, y, "/etc/prometheus/secrets/sd-token", a.sdTokenFile().toString());
        y = replaceAll(source, y, "alertmanager:9093", "127.0.0.1:" + a.alertmanager());
        y = replaceAll(source, y, "control-api:8420", "127.0.0.1:" + a.api());
        y = replaceAll(source, y, "exporter:9630", "127.0.0.1:" + a.exporter());
        return write(dir.resolve("prometheus.yml"), y);
    }

    public static Path alertmanager(Path dir, Addresses a) {
        Path source = Repo.alertRules().resolve("alertmanager.yml");
        String y = Repo.read(source);
        y = replaceAll(source, y, "group_wait: [0-9]+[smh]", "group_wait: 1s");
        y = replaceAll(source, y, "group_interval: [0-9]+[smh]", "group_interval: 1s");
        y = replaceAll(source, y, "http://control-api:8420/", "http://127.0.0.1:" + a.api() + "/");
        y = replaceAll(source, y, "/etc/alertmanager/secrets/control-api-token", a.alertmanagerTokenFile().toString());
        return write(dir.resolve("alertmanager.yml"), y);
    }

    private static String replaceAll(Path file, String text, String regex, String replacement) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            return fail(file + " no longer contains /" + regex + "/: update " + LoopConfig.class.getSimpleName()
                    + " to derive the test configuration from it");
        }
        return m.replaceAll(Matcher.quoteReplacement(replacement));
    }

    public static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
