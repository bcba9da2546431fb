package io.dbtools.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.rules.testing.Rendered;
import io.dbtools.rules.testing.Repo;
import io.dbtools.rules.testing.Tool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderedRulesTest {

    @Test
    void committed_rule_files_are_exactly_what_the_mixin_renders() {
        Rendered.assertUpToDate(Repo.alertRules().resolve("render.sh"), RuleFiles.rendered(), ".rules.yml");
    }

    @Test
    void mixin_sources_of_rules_and_dashboards_are_formatted_by_jsonnetfmt() {
        List<String> unformatted = new ArrayList<>();
        for (Path dir : List.of(Repo.alertRules().resolve("mixin"), Repo.dashboards().resolve("mixin"))) {
            for (Path f : Repo.files(dir, "sonnet")) {
                if (!Tool.JSONNETFMT.run(dir, "--test", f.toString()).ok()) {
                    unformatted.add(Repo.root().relativize(f).toString());
                }
            }
        }
        assertEquals(List.of(), unformatted, "run jsonnetfmt -i on these files");
    }

    @Test
    void promtool_accepts_every_rendered_rule_file() {
        assertFalse(RuleFiles.ruleFiles().isEmpty(), "no rendered rule files");
        for (Path f : RuleFiles.ruleFiles()) {
            String out = Tool.PROMTOOL.runOk(Repo.alertRules(), "check", "rules", f.toString());
            assertTrue(out.contains("SUCCESS"), out);
        }
    }

    @Test
    void promtool_unit_tests_of_the_health_model_and_every_alert_pass() {
        String[] args = new String[RuleFiles.unitTests().size() + 2];
        args[0] = "test";
        args[1] = "rules";
        for (int i = 0; i < RuleFiles.unitTests().size(); i++) {
            args[i + 2] = RuleFiles.unitTests().get(i).toString();
        }
        String out = Tool.PROMTOOL.runOk(Repo.alertRules(), args);
        assertFalse(out.contains("FAILED"), out);
    }
}
