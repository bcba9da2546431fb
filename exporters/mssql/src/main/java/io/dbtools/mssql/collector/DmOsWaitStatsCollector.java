package io.dbtools.mssql.collector;

import io.dbtools.mssql.MsServer;
import io.dbtools.mssql.MsSource;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code sys.dm_os_wait_stats} ({@code sys.dm_db_wait_stats} on Azure SQL Database): where sessions spent their
 * time waiting. Of ~1000 wait types most are idle background waits; those are dropped, the N largest by total
 * wait time are kept (option {@code wait_types_top_n}, default 20) and the rest are summed as {@code other}.
 */
public final class DmOsWaitStatsCollector extends MsCollector {

    private static final String SERVER_SQL = Sql.load("dm_os_wait_stats.sql");
    private static final String AZURE_SQL = Sql.load("dm_db_wait_stats.azure.sql");
    static final int DEFAULT_TOP_N = 20;
    static final String WAIT_SECONDS = "dbtools_mssql_wait_seconds_total";
    static final String SIGNAL_SECONDS = "dbtools_mssql_wait_signal_seconds_total";
    static final String WAITING_TASKS = "dbtools_mssql_waiting_tasks_total";

    /** Waits that only mean "idle" or "background task sleeping"; they say nothing about workload. */
    static final Set<String> BENIGN = Set.of(
            "BROKER_EVENTHANDLER", "BROKER_RECEIVE_WAITFOR", "BROKER_TASK_STOP", "BROKER_TO_FLUSH", "BROKER_TRANSMITTER",
            "CHECKPOINT_QUEUE", "CHKPT", "CLR_AUTO_EVENT", "CLR_MANUAL_EVENT", "CLR_SEMAPHORE", "DBMIRROR_DBM_EVENT",
            "DBMIRROR_EVENTS_QUEUE", "DBMIRROR_WORKER_QUEUE", "DBMIRRORING_CMD", "DIRTY_PAGE_POLL", "DISPATCHER_QUEUE_SEMAPHORE",
            "EXECSYNC", "FSAGENT", "FT_IFTS_SCHEDULER_IDLE_WAIT", "FT_IFTSHC_MUTEX", "HADR_CLUSAPI_CALL",
            "HADR_FILESTREAM_IOMGR_IOCOMPLETION", "HADR_LOGCAPTURE_WAIT", "HADR_NOTIFICATION_DEQUEUE", "HADR_TIMER_TASK",
            "HADR_WORK_QUEUE", "KSOURCE_WAKEUP", "LAZYWRITER_SLEEP", "LOGMGR_QUEUE", "MEMORY_ALLOCATION_EXT",
            "ONDEMAND_TASK_QUEUE", "PARALLEL_REDO_DRAIN_WORKER", "PARALLEL_REDO_LOG_CACHE", "PARALLEL_REDO_TRAN_LIST",
            "PARALLEL_REDO_WORKER_SYNC", "PARALLEL_REDO_WORKER_WAIT_WORK", "PREEMPTIVE_OS_FLUSHFILEBUFFERS",
            "PREEMPTIVE_XE_GETTARGETSTATE", "PVS_PREALLOCATE", "PWAIT_ALL_COMPONENTS_INITIALIZED",
            "PWAIT_DIRECTLOGCONSUMER_GETNEXT", "PWAIT_EXTENSIBILITY_CLEANUP_TASK", "QDS_PERSIST_TASK_MAIN_LOOP_SLEEP",
            "QDS_ASYNC_QUEUE", "QDS_CLEANUP_STALE_QUERIES_TASK_MAIN_LOOP_SLEEP", "QDS_SHUTDOWN_QUEUE",
            "REDO_THREAD_PENDING_WORK", "REQUEST_FOR_DEADLOCK_SEARCH", "RESOURCE_QUEUE", "SERVER_IDLE_CHECK",
            "SLEEP_BPOOL_FLUSH", "SLEEP_DBSTARTUP", "SLEEP_DCOMSTARTUP", "SLEEP_MASTERDBREADY", "SLEEP_MASTERMDREADY",
            "SLEEP_MASTERUPGRADED", "SLEEP_MSDBSTARTUP", "SLEEP_SYSTEMTASK", "SLEEP_TASK", "SLEEP_TEMPDBSTARTUP",
            "SNI_HTTP_ACCEPT", "SOS_WORK_DISPATCHER", "SP_SERVER_DIAGNOSTICS_SLEEP", "SQLTRACE_BUFFER_FLUSH",
            "SQLTRACE_INCREMENTAL_FLUSH_SLEEP", "SQLTRACE_WAIT_ENTRIES", "VDI_CLIENT_OTHER", "WAIT_FOR_RESULTS",
            "WAITFOR", "WAITFOR_TASKSHUTDOWN", "WAIT_XTP_RECOVERY", "WAIT_XTP_HOST_WAIT", "WAIT_XTP_OFFLINE_CKPT_NEW_LOG",
            "WAIT_XTP_CKPT_CLOSE", "XE_DISPATCHER_JOIN", "XE_DISPATCHER_WAIT", "XE_TIMER_EVENT", "XE_LIVE_TARGET_TVF",
            "AZURE_IMDS_VERSIONS", "SOS_WORKER_MIGRATION", "UCS_SESSION_REGISTRATION", "BROKER_CONNECTION_RECEIVE_TASK");

    record Wait(String type, double tasks, double waitMs, double signalMs) {}

    public DmOsWaitStatsCollector() {
        super(CollectorInfo.everyScrape("dm_os_wait_stats", "wait time by wait type: top N, idle waits left out, the rest as other"));
    }

    @Override
    public String sql(ServerInfo server) {
        return MsServer.hasServerScope(server) ? SERVER_SQL : AZURE_SQL;
    }

    @Override
    public void collect(MsSource source, ScrapeContext ctx, MetricSink sink) throws Exception {
        List<Wait> waits = new ArrayList<>();
        source.query(ctx, sql(ctx.server()), rs -> {
            String type = rs.getString("wait_type").strip();
            if (!BENIGN.contains(type)) {
                waits.add(new Wait(type, rs.getDouble("waiting_tasks_count"), rs.getDouble("wait_time_ms"),
                        rs.getDouble("signal_wait_time_ms")));
            }
        });
        var split = TopN.split(waits, ctx.target().intOption("wait_types_top_n", DEFAULT_TOP_N), Wait::waitMs);
        for (Wait w : split.top()) {
            emit(sink, w);
        }
        if (!split.rest().isEmpty()) {
            emit(sink, new Wait("other", split.rest().stream().mapToDouble(Wait::tasks).sum(),
                    split.rest().stream().mapToDouble(Wait::waitMs).sum(),
                    split.rest().stream().mapToDouble(Wait::signalMs).sum()));
        }
    }

    private static void emit(MetricSink sink, Wait w) {
        sink.counter(WAIT_SECONDS, "Time tasks spent waiting, by wait type (signal wait included).", w.waitMs() / 1000,
                "wait_type", w.type());
        sink.counter(SIGNAL_SECONDS, "Time between a wait being signalled and the task running again (CPU pressure).",
                w.signalMs() / 1000, "wait_type", w.type());
        sink.counter(WAITING_TASKS, "Waits that occurred, by wait type.", w.tasks(), "wait_type", w.type());
    }
}
