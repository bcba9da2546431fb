package io.dbtools.rules;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.rules.testing.Repo;
import io.dbtools.rules.testing.Tool;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class ToolTest {

    @Test
    void a_missing_tool_fails_the_test_naming_the_debian_package_to_install() {
        Tool absent = new Tool("dbtools-no-such-command", "prometheus-alertmanager");
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> absent.run(Repo.alertRules(), "--version"));
        assertTrue(e.getMessage().contains("apt-get install prometheus-alertmanager"), e.getMessage());
    }

    @Test
    void a_tool_that_exits_non_zero_fails_runOk_with_its_output() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> Tool.PROMTOOL.runOk(Repo.alertRules(), "check", "rules", "does-not-exist.yml"));
        assertTrue(e.getMessage().contains("does-not-exist.yml"), e.getMessage());
    }
}
