package io.dbtools.mssql.collector;

import io.dbtools.mssql.MsServer;
import io.dbtools.mssql.MsSource;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sys.dm_io_virtual_file_stats} joined to {@code sys.master_files} ({@code sys.database_files} on Azure SQL
 * Database): reads, writes, bytes and I/O stall per database file. Series are per file; servers with very many
 * files keep the N files with the most stall (option {@code file_stats_top_n}, default 200) and sum the rest as
 * {@code database="other"}.
 */
public final class DmIoVirtualFileStatsCollector extends MsCollector {

    private static final String SERVER_SQL = Sql.load("dm_io_virtual_file_stats.sql");
    private static final String AZURE_SQL = Sql.load("dm_io_virtual_file_stats.azure.sql");
    static final int DEFAULT_TOP_N = 200;

    record FileIo(String database, String file, String type, double reads, double readBytes, double readStallMs,
            double writes, double writeBytes, double writeStallMs) {

        double stallMs() {
            return readStallMs + writeStallMs;
        }
    }

    public DmIoVirtualFileStatsCollector() {
        super(CollectorInfo.everyScrape("dm_io_virtual_file_stats", "reads, writes, bytes and I/O stall per database file"));
    }

    @Override
    public String sql(ServerInfo server) {
        return MsServer.hasServerScope(server) ? SERVER_SQL : AZURE_SQL;
    }

    @Override
    public void collect(MsSource source, ScrapeContext ctx, MetricSink sink) throws Exception {
        List<FileIo> files = new ArrayList<>();
        source.query(ctx, sql(ctx.server()), rs -> files.add(new FileIo(rs.getString("database_name"),
                rs.getString("logical_filename"), rs.getString("file_type"), rs.getDouble("reads"), rs.getDouble("read_bytes"),
                rs.getDouble("read_stall_ms"), rs.getDouble("writes"), rs.getDouble("write_bytes"), rs.getDouble("write_stall_ms"))));
        var split = TopN.split(files, ctx.target().intOption("file_stats_top_n", DEFAULT_TOP_N), FileIo::stallMs);
        split.top().forEach(f -> emit(sink, f));
        if (!split.rest().isEmpty()) {
            var r = split.rest();
            emit(sink, new FileIo("other", "other", "other", sum(r, FileIo::reads), sum(r, FileIo::readBytes),
                    sum(r, FileIo::readStallMs), sum(r, FileIo::writes), sum(r, FileIo::writeBytes), sum(r, FileIo::writeStallMs)));
        }
    }

    private static double sum(List<FileIo> files, java.util.function.ToDoubleFunction<FileIo> f) {
        return files.stream().mapToDouble(f).sum();
    }

    private static void emit(MetricSink sink, FileIo f) {
        String[] labels = {"database", f.database(), "file", f.file(), "file_type", f.type()};
        sink.counter("dbtools_mssql_file_reads_total", "Reads issued on the database file.", f.reads(), labels);
        sink.counter("dbtools_mssql_file_read_bytes_total", "Bytes read from the database file.", f.readBytes(), labels);
        sink.counter("dbtools_mssql_file_read_stall_seconds_total", "Time reads of the file waited on I/O.",
                f.readStallMs() / 1000, labels);
        sink.counter("dbtools_mssql_file_writes_total", "Writes issued on the database file.", f.writes(), labels);
        sink.counter("dbtools_mssql_file_written_bytes_total", "Bytes written to the database file.", f.writeBytes(), labels);
        sink.counter("dbtools_mssql_file_write_stall_seconds_total", "Time writes to the file waited on I/O.",
                f.writeStallMs() / 1000, labels);
    }
}
