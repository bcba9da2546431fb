package io.dbtools.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.rules.testing.Repo;
import io.dbtools.rules.testing.Tool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AlertmanagerConfigTest {

    static Path config() {
        return Repo.alertRules().resolve("alertmanager.yml");
    }

    @Test
    void amtool_accepts_the_configuration() {
        String out = Tool.AMTOOL.runOk(Repo.alertRules(), "check-config", config().toString());
        assertTrue(out.contains("SUCCESS"), out);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            tenant=acme severity=critical alertname=DbToolsServerDown server=db1 | control-api-critical
            tenant=acme severity=warning alertname=DbToolsCpuHigh server=db1     | control-api-warning
            tenant=acme severity=info alertname=DbToolsScrapeSlow server=db1     | control-api-info
            tenant=beta severity=critical alertname=DbToolsReplicationLag        | control-api-critical
            tenant=acme alertname=SomeCustomRule                                 | control-api-warning
            alertname=DbToolsExporterDown severity=critical instance=exp-1:9187  | control-api-platform
            tenant= severity=critical alertname=DbToolsExporterDown              | control-api-platform
            """)
    void alerts_are_routed_by_tenant_and_severity(String labels, String receiver) {
        List<String> args = new ArrayList<>(List.of("config", "routes", "test", "--config.file=" + config(),
                "--verify.receivers=" + receiver));
        args.addAll(List.of(labels.split(" ")));
        Tool.Result r = Tool.AMTOOL.run(Repo.alertRules(), args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), labels + " should reach " + receiver + ":\n" + r.output());
    }

    @Test
    void a_wrong_expected_receiver_is_reported_so_the_routing_cases_can_fail() {
        Tool.Result r = Tool.AMTOOL.run(Repo.alertRules(), "config", "routes", "test", "--config.file=" + config(),
                "--verify.receivers=control-api-info", "tenant=acme", "severity=critical");
        assertEquals(1, r.exitCode(), r.output());
    }
}
