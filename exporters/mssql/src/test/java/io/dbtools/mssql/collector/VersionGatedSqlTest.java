package io.dbtools.mssql.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.mssql.MsServer;
import io.dbtools.mssql.Servers;
import io.dbtools.plugin.ServerInfo;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Which SQL text each kind of server gets, checked against what that kind of server can run. */
class VersionGatedSqlTest {

    private static final List<MsCollector> COLLECTORS = MsCollectors.all().stream().map(c -> (MsCollector) c).toList();

    /** T-SQL that SQL Server 2016 does not have (2017: STRING_AGG, TRIM, CONCAT_WS, TRANSLATE; 2022: the rest). */
    private static final List<Pattern> NEWER_THAN_2016 = List.of(
            Pattern.compile("\\bSTRING_AGG\\s*\\("), Pattern.compile("(?<![LR])TRIM\\s*\\("), Pattern.compile("\\bCONCAT_WS\\s*\\("),
            Pattern.compile("\\bTRANSLATE\\s*\\("), Pattern.compile("\\bGREATEST\\s*\\("), Pattern.compile("\\bLEAST\\s*\\("),
            Pattern.compile("\\bDATETRUNC\\s*\\("), Pattern.compile("\\bGENERATE_SERIES\\b"), Pattern.compile("IS\\s+(NOT\\s+)?DISTINCT\\s+FROM"),
            Pattern.compile("\\bJSON_OBJECT\\s*\\("), Pattern.compile("\\bAPPROX_PERCENTILE"), Pattern.compile("PERFORMANCE STATE"),
            Pattern.compile("\\bpage_server_reads\\b"), Pattern.compile("\\bis_resumable\\b"), Pattern.compile("\\bledger", Pattern.CASE_INSENSITIVE));

    /** What Azure SQL Database cannot read: msdb, instance-wide catalog and OS views, Always On views. */
    private static final List<String> NOT_IN_AZURE_SQL_DATABASE = List.of("msdb", "sys.master_files", "sys.dm_os_ring_buffers",
            "sys.dm_os_sys_memory", "sys.dm_os_process_memory", "sys.dm_os_sys_info", "sys.dm_os_wait_stats", "sys.dm_hadr_",
            "sys.availability_", "dm_io_virtual_file_stats(null");

    /** The statement without its -- comments, which may name what the query avoids. */
    private static String code(String sql) {
        return sql.replaceAll("--[^\n]*", "");
    }

    private static Set<String> running(ServerInfo server) {
        Set<String> names = new TreeSet<>();
        for (MsCollector c : COLLECTORS) {
            if (c.supports(server)) names.add(c.info().name());
        }
        return names;
    }

    @Test
    void sql_server_2016_gets_no_syntax_or_column_added_in_later_versions() {
        for (MsCollector c : COLLECTORS) {
            if (!c.supports(Servers.SQL2016)) continue;
            String sql = code(c.sql(Servers.SQL2016));
            for (Pattern p : NEWER_THAN_2016) {
                assertFalse(p.matcher(sql).find(), c.info().name() + " uses " + p + " on SQL Server 2016");
            }
        }
    }

    @Test
    void azure_sql_database_gets_only_database_scoped_views_and_never_msdb() {
        for (MsCollector c : COLLECTORS) {
            if (!c.supports(Servers.AZURE_SQL_DATABASE)) continue;
            String sql = code(c.sql(Servers.AZURE_SQL_DATABASE)).toLowerCase(Locale.ROOT).replace(" ", "");
            for (String view : NOT_IN_AZURE_SQL_DATABASE) {
                assertFalse(sql.contains(view.replace(" ", "")), c.info().name() + " reads " + view + " on Azure SQL Database");
            }
        }
    }

    @Test
    void azure_sql_database_runs_the_database_scoped_collectors_and_their_own_variants() {
        assertEquals(Set.of("dm_db_resource_stats", "dm_exec_requests", "dm_exec_sessions", "dm_io_virtual_file_stats",
                "dm_os_performance_counters", "dm_os_wait_stats", "sys_databases"), running(Servers.AZURE_SQL_DATABASE));
        assertTrue(new DmOsWaitStatsCollector().sql(Servers.AZURE_SQL_DATABASE).contains("sys.dm_db_wait_stats"));
        assertTrue(new DmIoVirtualFileStatsCollector().sql(Servers.AZURE_SQL_DATABASE).contains("sys.database_files"));
        assertTrue(new SysDatabasesCollector().sql(Servers.AZURE_SQL_DATABASE).contains("DB_ID()"));
    }

    @Test
    void availability_group_views_are_read_only_where_always_on_is_enabled() {
        assertFalse(running(Servers.SQL2016).contains("dm_hadr_database_replica_states"), "2016 fixture server has HADR off");
        assertTrue(running(Servers.SQL2019).contains("dm_hadr_database_replica_states"));
        assertTrue(running(Servers.MANAGED_INSTANCE).contains("dm_hadr_database_replica_states"));
        assertFalse(running(Servers.AZURE_SQL_DATABASE).contains("dm_hadr_database_replica_states"));
    }

    @Test
    void boxed_servers_and_managed_instance_run_everything_but_the_azure_database_view() {
        for (ServerInfo s : List.of(Servers.SQL2016, Servers.SQL2017, Servers.SQL2019, Servers.SQL2022, Servers.MANAGED_INSTANCE)) {
            Set<String> expected = new TreeSet<>();
            COLLECTORS.forEach(c -> expected.add(c.info().name()));
            expected.remove("dm_db_resource_stats");
            if (!MsServer.hadrEnabled(s)) expected.remove("dm_hadr_database_replica_states");
            assertEquals(expected, running(s), Servers.name(s));
        }
    }

    @Test
    void the_agent_job_limit_is_written_into_the_query_as_a_number() {
        var c = new SysjobhistoryCollector();
        String sql = c.sql(Servers.SQL2022, 7);
        assertTrue(sql.contains("TOP (7)"), sql);
        assertTrue(c.sql(Servers.SQL2022, 0).contains("TOP (1)"));
    }
}
