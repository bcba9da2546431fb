package io.dbtools.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.policies.PolicyExecutor.PolicyOutcome;
import io.dbtools.policies.PolicyExecutor.Status;
import io.dbtools.policies.testing.Specs;
import io.dbtools.policies.testing.TestPg;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups with the real client programs (Debian's PostgreSQL 15 pg_dump, pg_restore, pg_basebackup)
 * against the embedded PostgreSQL 14, which they support; and a PostgreSQL 16 server they refuse.
 */
class PgBackupTest {

    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final DefaultPolicyExecutor executor = new DefaultPolicyExecutor(clock, Tools.onPath());

    @TempDir
    Path dir;

    @BeforeAll
    static void data() throws SQLException {
        try (Connection c = TestPg.superuser(TestPg.get(), "postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE shop OWNER " + TestPg.USER);
        }
        try (Connection c = TestPg.superuser(TestPg.get(), "shop"); Statement st = c.createStatement()) {
            st.execute("SET ROLE " + TestPg.USER);
            st.execute("CREATE TABLE customers (id int PRIMARY KEY, name text)");
            st.execute("INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 5000) g");
        }
    }

    private PolicyOutcome backup(String spec) {
        return executor.execute("backup", Specs.valid("backup", spec), TestPg.target(TestPg.get(), "shop", TestPg.PASSWORD), Duration.ofMinutes(2));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), () -> command + ": " + out);
        return out;
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void pgDumpWritesARestorableDumpAndAppliesRetention() throws Exception {
        // an old dump of this database, a recent one, another database's old one and a file DbTools did not write
        Files.writeString(dir.resolve("dbtools-pgdump-shop-20261120T000000Z.dump"), "old");
        Files.writeString(dir.resolve("dbtools-pgdump-shop-20261201T000000Z.dump"), "recent");
        Files.writeString(dir.resolve("dbtools-pgdump-other-20261001T000000Z.dump"), "other database");
        Files.writeString(dir.resolve("notes-20200101.txt"), "not ours");

        PolicyOutcome out = backup("{\"postgres\": {\"destination\": \"" + dir + "\"}}");

        assertEquals(Status.SUCCESS, out.status(), () -> out.error() + " " + out.result());
        Path dump = dir.resolve("dbtools-pgdump-shop-20261203T080000Z.dump");
        assertEquals(dump.toString(), out.result().path("file").asText());
        assertEquals(Files.size(dump), out.result().path("bytes").asLong());
        assertTrue(out.result().path("verified").asBoolean(), out.result().toString());
        assertEquals(List.of("dbtools-pgdump-other-20261001T000000Z.dump", "dbtools-pgdump-shop-20261201T000000Z.dump",
                "dbtools-pgdump-shop-20261203T080000Z.dump", "notes-20200101.txt"), files());
        assertEquals("[\"dbtools-pgdump-shop-20261120T000000Z.dump\"]", out.result().path("deleted").toString());
        assertTrue(out.result().path("server_version").asText().startsWith("14."), out.result().toString());

        // restorable: the table of contents lists the table, and a restore brings every row back
        assertTrue(run(List.of("pg_restore", "--list", dump.toString())).contains("TABLE DATA public customers"));
        try (Connection c = TestPg.superuser(TestPg.get(), "postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE shop_restored");
        }
        run(List.of("pg_restore", "--no-owner", "--exit-on-error", "--host=localhost", "--port=" + TestPg.get().getPort(),
                "--username=postgres", "--dbname=shop_restored", dump.toString()));
        try (Connection c = TestPg.superuser(TestPg.get(), "shop_restored"); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM customers")) {
            rs.next();
            assertEquals(5000, rs.getInt(1));
        }
    }

    @Test
    void directoryFormatDumpsInParallelAndPlainIsSql() throws Exception {
        PolicyOutcome directory = backup("{\"postgres\": {\"destination\": \"" + dir + "/d\", \"format\": \"directory\", \"jobs\": 2}}");
        assertEquals(Status.SUCCESS, directory.status(), () -> directory.error() + " " + directory.result());
        Path d = dir.resolve("d/dbtools-pgdump-shop-20261203T080000Z");
        assertTrue(Files.isRegularFile(d.resolve("toc.dat")), directory.result().toString());
        assertTrue(run(List.of("pg_restore", "--list", d.toString())).contains("TABLE DATA public customers"));

        PolicyOutcome plain = backup("{\"postgres\": {\"destination\": \"" + dir + "/p\", \"format\": \"plain\"}}");
        assertEquals(Status.SUCCESS, plain.status(), () -> plain.error() + " " + plain.result());
        String sql = Files.readString(dir.resolve("p/dbtools-pgdump-shop-20261203T080000Z.sql"));
        assertTrue(sql.contains("COPY public.customers (id, name) FROM stdin;"), sql.substring(0, 200));
    }

    @Test
    void pgBasebackupCopiesTheCluster() throws Exception {
        PolicyOutcome out = backup("{\"postgres\": {\"destination\": \"" + dir + "\", \"method\": \"pg_basebackup\"}}");
        assertEquals(Status.SUCCESS, out.status(), () -> out.error() + " " + out.result());
        Path base = dir.resolve("dbtools-basebackup-cluster-20261203T080000Z");
        assertTrue(Files.isRegularFile(base.resolve("base.tar.gz")), files().toString());
        assertTrue(Files.isRegularFile(base.resolve("pg_wal.tar.gz")), files().toString());
        assertTrue(Files.isRegularFile(base.resolve("backup_manifest")), files().toString());
    }

    @Test
    void aMissingProgramIsReportedAsNotInstalled() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("bin"));
        PolicyOutcome out = new DefaultPolicyExecutor(clock, new Tools(List.of(empty))).execute("backup",
                Specs.valid("backup", "{\"postgres\": {\"destination\": \"" + dir + "\"}}"), TestPg.target(), Duration.ofMinutes(1));
        assertEquals(Status.FAILED, out.status());
        assertTrue(out.error().startsWith("pg_dump not installed"), out.error());
    }

    @Test
    void aPgDumpOlderThanTheServerIsRefusedClearly() throws Exception {
        int toolMajor = toolMajor();
        EmbeddedPostgres pg16 = TestPg.start(16);
        try {
            PolicyOutcome out = executor.execute("backup", Specs.valid("backup", "{\"postgres\": {\"destination\": \"" + dir + "\"}}"),
                    TestPg.target(pg16, "app", TestPg.PASSWORD), Duration.ofMinutes(1));
            if (toolMajor < 16) {
                assertEquals(Status.FAILED, out.status(), out::toString);
                assertTrue(out.error().startsWith("pg_dump " + toolMajor + " cannot back up a PostgreSQL 16 server: pg_dump must be "
                        + "of the server's major version or newer"), out.error());
                assertEquals(List.of(), files(), "nothing is written");
            } else {
                assertEquals(Status.SUCCESS, out.status(), out::toString);
            }
        } finally {
            TestPg.close(pg16);
        }
    }

    @Test
    void aDumpThatOutlivesTheTimeoutIsStoppedAndLeavesNoFile() throws Exception {
        // pg_dump waits for a lock on the table while another session holds it exclusively
        try (Connection holder = TestPg.superuser(TestPg.get(), "shop"); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.execute("LOCK TABLE customers IN ACCESS EXCLUSIVE MODE");
            PolicyOutcome out = new DefaultPolicyExecutor(Clock.systemUTC(), Tools.onPath()).execute("backup",
                    Specs.valid("backup", "{\"postgres\": {\"destination\": \"" + dir + "\"}}"),
                    TestPg.target(TestPg.get(), "shop", TestPg.PASSWORD), Duration.ofSeconds(3));
            holder.rollback();
            assertEquals(Status.TIMED_OUT, out.status(), out::toString);
            assertEquals("the policy did not finish within its timeout (during pg_dump)", out.error());
            assertEquals(List.of(), files(), "the partial dump is removed");
        }
    }

    @Test
    void aWrongPasswordFailsWithoutRepeatingIt() {
        String wrong = "Wrong-Secret-42";
        PolicyOutcome out = executor.execute("backup", Specs.valid("backup", "{\"postgres\": {\"destination\": \"" + dir + "\"}}"),
                TestPg.target(TestPg.get(), "shop", wrong), Duration.ofMinutes(1));
        assertEquals(Status.FAILED, out.status());
        assertTrue(out.error().contains("password authentication failed"), out.error());
        assertFalse(out.error().contains(wrong) || out.result().toString().contains(wrong));
    }

    private static int toolMajor() throws IOException, InterruptedException {
        Matcher m = Pattern.compile("\\(PostgreSQL\\) (\\d+)").matcher(run(List.of("pg_dump", "--version")));
        assertTrue(m.find());
        return Integer.parseInt(m.group(1));
    }
}
