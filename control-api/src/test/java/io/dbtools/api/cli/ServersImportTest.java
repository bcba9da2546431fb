package io.dbtools.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.api.testing.TestApi;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServersImportTest {

    private final String slug = TestApi.newTenant("imp");
    private final String op = TestApi.token(slug, "operator");
    private final String api = "http://127.0.0.1:" + TestApi.app().port();

    @Test
    void a_yaml_file_is_imported_row_by_row_with_groups_and_a_failure_named_by_line_and_field(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("servers.yml");
        Files.writeString(file, """
                servers:
                  - {name: pg-a, engine: postgres, host: 127.0.0.1, port: %1$d, username: %2$s, password: %3$s, labels: [prod], groups: [core]}
                  - {name: pg-b, engine: postgres, host: 127.0.0.1, port: 70000, username: %2$s, password: %3$s}
                  - {name: pg-c, engine: postgres, host: 127.0.0.1, port: %1$d, username: %2$s, password: %3$s, groups: [core, extra]}
                """.formatted(TestApi.pgPort(), TestApi.MONITOR_USER, TestApi.MONITOR_PASSWORD));
        var progress = new ByteArrayOutputStream();
        List<ServersImport.Result> results = new ServersImport(api, op, null)
                .run(ImportFile.read(file), true, 2, new PrintStream(progress, true, StandardCharsets.UTF_8), false);

        assertEquals(3, results.size());
        assertTrue(results.get(0).ok(), results.get(0).describe());
        assertFalse(results.get(1).ok());
        assertEquals(2, results.get(1).line());
        assertEquals("port", results.get(1).field());
        assertTrue(results.get(1).describe().contains("FAILED 400 port:"), results.get(1).describe());
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("] 3/3  1 failed"), progress.toString(StandardCharsets.UTF_8));

        var groups = TestApi.http().get("/api/groups", op, null).json();
        assertEquals("core", groups.get(0).get("name").asText());
        assertEquals(2, groups.get(0).get("memberCount").asInt());
        assertEquals(1, groups.get(1).get("memberCount").asInt());
        assertEquals("ok", TestApi.http().get("/api/servers/" + results.get(0).id(), op, null).json().get("status").asText(),
                "validated through the plugin");
    }

    @Test
    void a_csv_file_maps_columns_labels_options_and_tls(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("servers.csv");
        Files.writeString(file, """
                name,engine,host,port,username,secretRef,labels,groups,tls_mode,option_account
                snow-1,snowflake,acme.snowflakecomputing.com,,svc_monitor,env:SNOW_PW,prod;finance,dwh,require,acme-xy123
                mongo-1,mongodb,mongo.internal,27018,monitor,file:/run/secrets/mongo,,,,
                """);
        List<ImportFile.Row> rows = ImportFile.read(file);
        assertEquals(2, rows.get(0).line());
        List<ServersImport.Result> results = new ServersImport(api, TestApi.superToken(), slug)
                .run(rows, false, 1, new PrintStream(new ByteArrayOutputStream()), true);
        assertTrue(results.stream().allMatch(ServersImport.Result::ok), results.toString());
        var snow = TestApi.http().get("/api/servers/" + results.get(0).id(), op, null).json();
        assertEquals(443, snow.get("port").asInt());
        assertEquals("acme-xy123", snow.get("options").get("account").asText());
        assertEquals("require", snow.get("tls").get("mode").asText());
        assertEquals(2, snow.get("labels").size());
        assertEquals("dwh", snow.get("groups").get(0).asText());
        assertEquals(27018, TestApi.http().get("/api/servers/" + results.get(1).id(), op, null).json().get("port").asInt());
    }

    @Test
    void the_example_tenant_spec_parses_into_server_rows() throws Exception {
        Path example = Path.of("../tenants/examples/acme.yml");
        var rows = ImportFile.read(example);
        assertEquals(2, rows.size());
        assertEquals("orders-primary", rows.get(0).name());
        assertEquals(List.of("orders"), rows.get(0).groups());
        assertFalse(rows.get(0).server().has("groups"));
    }
}
