package io.dbtools.mssql.collector;

import static io.dbtools.mssql.RecordedRows.Column.absent;
import static io.dbtools.mssql.RecordedRows.Column.renamed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.exporter.SampleBuffer;
import io.dbtools.mssql.RecordedRows;
import io.dbtools.mssql.RecordedSource;
import io.dbtools.exporter.testing.Samples;
import io.dbtools.mssql.Servers;
import io.dbtools.plugin.CoreMetrics;
import java.sql.Types;
import org.junit.jupiter.api.Test;

class DmOsSysMemoryCollectorTest {

    /**
     * The 2022 server-properties recording holds sys.dm_os_sys_memory's total and available KB (as server_memory and
     * available_server_memory); the process columns were not recorded and arrive as SQL NULL.
     */
    @Test
    void host_memory_utilization_follows_from_the_recorded_total_and_available_memory() throws Exception {
        var rs = RecordedRows.resultSet(RecordedRows.json("server_properties-2022-RTM-CU11.telegraf-query.json"),
                renamed("total_physical_memory_kb", Types.BIGINT, "server_memory"),
                renamed("available_physical_memory_kb", Types.BIGINT, "available_server_memory"),
                absent("physical_memory_in_use_kb", Types.BIGINT), absent("process_physical_memory_low", Types.INTEGER),
                absent("committed_target_kb", Types.BIGINT));
        var sink = new SampleBuffer();
        new DmOsSysMemoryCollector().collect(new RecordedSource(rs), Servers.context(Servers.SQL2022), sink);

        assertEquals(1 - 4517288.0 / 6421504.0, Samples.value(sink, CoreMetrics.MEMORY_UTILIZATION), 1e-12);
        assertEquals(6421504.0 * 1024, Samples.value(sink, "dbtools_mssql_os_memory_bytes", "state", "total"));
        assertEquals(4517288.0 * 1024, Samples.value(sink, "dbtools_mssql_os_memory_bytes", "state", "available"));
        assertTrue(Samples.of(sink, "dbtools_mssql_process_memory_bytes").isEmpty(), "no value is made up for unrecorded columns");
        assertTrue(Samples.of(sink, "dbtools_mssql_process_memory_low").isEmpty());
    }
}
