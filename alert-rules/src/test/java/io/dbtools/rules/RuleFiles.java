package io.dbtools.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dbtools.rules.testing.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The committed rule files and unit tests, parsed. */
final class RuleFiles {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private RuleFiles() {}

    static Path rendered() {
        return Repo.alertRules().resolve("rendered");
    }

    static List<Path> ruleFiles() {
        return Repo.files(rendered(), ".rules.yml");
    }

    static List<Path> unitTests() {
        return Repo.files(Repo.alertRules().resolve("tests"), ".test.yml");
    }

    static JsonNode yaml(Path p) {
        try {
            return YAML.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every rule (recording and alerting) of every rendered file. */
    static List<JsonNode> rules() {
        List<JsonNode> out = new ArrayList<>();
        for (Path f : ruleFiles()) {
            for (JsonNode g : yaml(f).path("groups")) {
                g.path("rules").forEach(out::add);
            }
        }
        return out;
    }

    static List<JsonNode> alerts() {
        return rules().stream().filter(r -> r.has("alert")).toList();
    }
}
