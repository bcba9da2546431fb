package io.dbtools.mssql.collector;

import static io.dbtools.mssql.RecordedRows.Column.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.dbtools.exporter.Exposition;
import io.dbtools.exporter.SampleBuffer;
import io.dbtools.mssql.RecordedRows;
import io.dbtools.mssql.RecordedSource;
import io.dbtools.exporter.testing.Samples;
import io.dbtools.mssql.Servers;
import io.dbtools.plugin.CoreMetrics;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

class DmOsRingBuffersCollectorTest {

    private final DmOsRingBuffersCollector collector = new DmOsRingBuffersCollector();

    /** The recorded SCHEDULER_MONITOR record says ProcessUtilization 0, SystemIdle 96; the other two records are not CPU samples. */
    @Test
    void recorded_scheduler_monitor_record_gives_sql_server_other_and_idle_shares() throws Exception {
        var rows = RecordedRows.resultSet(RecordedRows.json("dm_os_ring_buffers-records-2012to2016.json"),
                of("timestamp", Types.BIGINT), of("record", Types.NVARCHAR));
        var sink = new SampleBuffer();
        collector.collect(new RecordedSource(rows), Servers.context(Servers.SQL2016), sink);

        assertEquals(0.0, Samples.value(sink, CoreMetrics.CPU_UTILIZATION), 1e-9);
        assertEquals(0.0, Samples.value(sink, DmOsRingBuffersCollector.BY_SOURCE, "source", "sqlserver"), 1e-9);
        assertEquals(0.04, Samples.value(sink, DmOsRingBuffersCollector.BY_SOURCE, "source", "other"), 1e-9);
        assertEquals(0.96, Samples.value(sink, DmOsRingBuffersCollector.BY_SOURCE, "source", "idle"), 1e-9);
        assertEquals(1, Samples.of(sink, CoreMetrics.CPU_UTILIZATION).size(), "exception and security records are not samples");
    }

    @Test
    void the_recorded_sample_is_exposed_as_this_text() throws Exception {
        var rows = RecordedRows.resultSet(RecordedRows.json("dm_os_ring_buffers-records-2012to2016.json"),
                of("timestamp", Types.BIGINT), of("record", Types.NVARCHAR));
        var sink = new SampleBuffer();
        collector.collect(new RecordedSource(rows), Servers.context(Servers.SQL2016), sink);
        var out = new ByteArrayOutputStream();
        new PrometheusTextFormatWriter(false).write(out, Exposition.toSnapshots(
                List.of(new Exposition.Labelled(new String[] {"tenant", "acme", "server", "sql1", "engine", "mssql"}, sink))));
        assertEquals("""
                # HELP dbtools_cpu_utilization_ratio Host CPU used by the database engine, 0..1 (normalized across engines).
                # TYPE dbtools_cpu_utilization_ratio gauge
                dbtools_cpu_utilization_ratio{engine="mssql",server="sql1",tenant="acme"} 0.0
                # HELP dbtools_mssql_cpu_utilization_ratio Host CPU by consumer over the last scheduler-monitor minute, 0..1.
                # TYPE dbtools_mssql_cpu_utilization_ratio gauge
                dbtools_mssql_cpu_utilization_ratio{engine="mssql",server="sql1",source="idle",tenant="acme"} 0.96
                dbtools_mssql_cpu_utilization_ratio{engine="mssql",server="sql1",source="other",tenant="acme"} 0.04
                dbtools_mssql_cpu_utilization_ratio{engine="mssql",server="sql1",source="sqlserver",tenant="acme"} 0.0
                """, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void ring_buffers_are_not_read_on_azure_sql_database_which_lacks_them() {
        assertFalse(collector.supports(Servers.AZURE_SQL_DATABASE));
    }
}
