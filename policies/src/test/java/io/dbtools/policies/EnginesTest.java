package io.dbtools.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.policies.PolicyExecutor.PolicyOutcome;
import io.dbtools.policies.PolicyExecutor.Status;
import io.dbtools.policies.testing.Specs;
import io.dbtools.policies.testing.TestPg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each engine does with a policy when no server of it runs here: SQL Server text, MongoDB tools, options missing. */
class EnginesTest {

    @TempDir
    Path dir;

    @Test
    void sqlServerPoliciesReturnTheirTsqlAndSaySoInTheSkip() {
        PolicyOutcome out = new DefaultPolicyExecutor().execute("integrity_check", Specs.valid("integrity_check", "{\"mssql\": {}}"),
                TestPg.target("mssql", "Sales"), Duration.ofMinutes(1));
        assertEquals(Status.SKIPPED, out.status());
        assertTrue(out.error().startsWith("DbTools generates SQL Server policies as T-SQL"), out.error());
        assertEquals(MssqlScripts.integrityCheck(Specs.valid("integrity_check", "{\"mssql\": {}}").get("mssql"), "Sales"),
                out.result().path("tsql").asText());
        assertTrue(out.result().path("tsql").asText().contains("DBCC CHECKDB (N'Sales') WITH NO_INFOMSGS, ALL_ERRORMSGS, PHYSICAL_ONLY;"));
    }

    @Test
    void aSqlServerTargetWithoutADatabaseFails() {
        PolicyOutcome out = new DefaultPolicyExecutor().execute("backup", Specs.valid("backup", "{\"mssql\": {\"destination\": \"D:\\\\b\"}}"),
                TestPg.target("mssql", null), Duration.ofMinutes(1));
        assertEquals(Status.FAILED, out.status());
        assertEquals("the SQL Server target names no database, and backup policies run on one", out.error());
    }

    @Test
    void mongodbBackupsNeedMongodump() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("bin"));
        PolicyOutcome out = new DefaultPolicyExecutor(Clock.systemUTC(), new Tools(List.of(empty))).execute("backup",
                Specs.valid("backup", "{\"mongodb\": {\"destination\": \"" + dir + "/dumps\"}}"), TestPg.target("mongodb", "app"),
                Duration.ofMinutes(1));
        assertEquals(Status.SKIPPED, out.status());
        assertTrue(out.error().startsWith("mongodump not installed"), out.error());
        assertEquals("mongodb", out.result().path("engine").asText());
    }

    @Test
    void aPolicyWithoutOptionsForTheServersEngineIsSkipped() {
        PolicyOutcome out = new DefaultPolicyExecutor().execute("custom_script", Specs.valid("custom_script", "{\"mssql\": {\"script\": \"SELECT 1\"}}"),
                TestPg.target(), Duration.ofMinutes(1));
        assertEquals(Status.SKIPPED, out.status());
        assertEquals("the policy has no postgres options, so it does not apply to this postgres server", out.error());
        PolicyOutcome cockroach = new DefaultPolicyExecutor().execute("index_maintenance", Specs.valid("index_maintenance", "{\"postgres\": {}}"),
                TestPg.target("cockroachdb", "app"), Duration.ofMinutes(1));
        assertEquals(Status.SKIPPED, cockroach.status());
    }
}
