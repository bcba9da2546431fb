package io.dbtools.mongodb.collector;

import io.dbtools.mongodb.Docs;
import io.dbtools.mongodb.MongoSource;
import io.dbtools.mongodb.MongoTopology;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.CoreMetrics;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.Version;
import java.util.EnumSet;
import java.util.Map;
import org.bson.Document;

/**
 * {@code serverStatus}: connections, operation counters, network, memory, WiredTiger cache and
 * tickets, global lock queue, asserts, cursors, uptime. Sections a process lacks (mongos has no
 * WiredTiger, standalones replicate nothing) are skipped, not zeroed.
 */
public final class ServerStatusCollector extends MongoCollector {

    /** The sections not read are left out of the reply: they are large on busy servers. */
    static final Document COMMAND = new Document("serverStatus", 1).append("repl", 0).append("locks", 0);
    static final Version QUEUES_SINCE = new Version(7, 0, 0);
    private static final double MIB = 1024 * 1024;

    static final String CONNECTIONS = "dbtools_mongodb_connections";
    static final String OPERATIONS = "dbtools_mongodb_operations_total";
    static final String REPL_OPERATIONS = "dbtools_mongodb_replicated_operations_total";
    static final String TICKETS_OUT = "dbtools_mongodb_tickets_out";
    static final String TICKETS_AVAILABLE = "dbtools_mongodb_tickets_available";

    public ServerStatusCollector() {
        super(CollectorInfo.everyScrape("server_status",
                        "serverStatus: connections, opcounters, network, memory, WiredTiger cache and tickets, queues, asserts, cursors"),
                EnumSet.allOf(MongoTopology.class));
    }

    @Override
    public void collect(MongoSource mongo, ScrapeContext ctx, MetricSink sink) {
        parse(mongo.command(ctx, "admin", COMMAND), ctx.server().version(), sink);
    }

    /** Pure: a {@code serverStatus} reply to samples; {@code version} picks where tickets live. */
    public static void parse(Document s, Version version, MetricSink sink) {
        Double current = Docs.number(s, "connections", "current");
        Double available = Docs.number(s, "connections", "available");
        if (current != null) {
            sink.gauge(CoreMetrics.CONNECTIONS_USED, "Client connections in use (normalized across engines).", current);
            if (available != null) {
                sink.gauge(CoreMetrics.CONNECTIONS_MAX, "Maximum client connections: current + available (normalized across engines).",
                        current + available);
            }
        }
        for (String state : new String[] {"current", "available", "active"}) {
            gauge(sink, CONNECTIONS, "Client connections by state (current, available, active).", s, new String[] {"connections", state}, 1,
                    "state", state);
        }
        counter(sink, "dbtools_mongodb_connections_accepted_total", "Client connections accepted since start (totalCreated).", s,
                new String[] {"connections", "totalCreated"}, 1);
        byOp(sink, OPERATIONS, "Operations received since start, by type (opcounters).", Docs.document(s, "opcounters"));
        byOp(sink, REPL_OPERATIONS, "Replicated operations applied since start, by type (opcountersRepl).",
                Docs.document(s, "opcountersRepl"));
        counter(sink, "dbtools_mongodb_network_received_bytes_total", "Bytes received from the network.", s,
                new String[] {"network", "bytesIn"}, 1);
        counter(sink, "dbtools_mongodb_network_sent_bytes_total", "Bytes sent to the network.", s, new String[] {"network", "bytesOut"}, 1);
        counter(sink, "dbtools_mongodb_network_requests_total", "Requests received.", s, new String[] {"network", "numRequests"}, 1);
        gauge(sink, "dbtools_mongodb_memory_resident_bytes", "Resident memory of the process.", s, new String[] {"mem", "resident"}, MIB);
        gauge(sink, "dbtools_mongodb_memory_virtual_bytes", "Virtual memory of the process.", s, new String[] {"mem", "virtual"}, MIB);
        wiredTigerCache(s, sink);
        tickets(s, version, sink);
        for (String type : new String[] {"readers", "writers"}) {
            gauge(sink, "dbtools_mongodb_global_lock_queue", "Operations queued waiting for the global lock, by type.", s,
                    new String[] {"globalLock", "currentQueue", type}, 1, "type", type);
            gauge(sink, "dbtools_mongodb_global_lock_active_clients", "Clients performing or queued for reads and writes, by type.", s,
                    new String[] {"globalLock", "activeClients", type}, 1, "type", type);
        }
        Document asserts = Docs.document(s, "asserts");
        if (asserts != null) {
            for (Map.Entry<String, Object> e : asserts.entrySet()) {
                if (e.getValue() instanceof Number n) {
                    sink.counter("dbtools_mongodb_asserts_total", "Asserts raised since start, by type (regular, warning, msg, user, rollovers, tripwire).",
                            n.doubleValue(), "type", e.getKey());
                }
            }
        }
        gauge(sink, "dbtools_mongodb_cursors_open", "Cursors open on the server.", s, new String[] {"metrics", "cursor", "open", "total"}, 1);
        counter(sink, "dbtools_mongodb_cursors_timed_out_total", "Cursors closed by the idle timeout since start.", s,
                new String[] {"metrics", "cursor", "timedOut"}, 1);
        gauge(sink, "dbtools_mongodb_uptime_seconds", "Seconds since the process started.", s, new String[] {"uptime"}, 1);
    }

    private static void wiredTigerCache(Document s, MetricSink sink) {
        Document cache = Docs.document(s, "wiredTiger", "cache");
        if (cache == null) return;
        gauge(sink, "dbtools_mongodb_wiredtiger_cache_used_bytes", "Bytes currently in the WiredTiger cache.", cache,
                new String[] {"bytes currently in the cache"}, 1);
        gauge(sink, "dbtools_mongodb_wiredtiger_cache_dirty_bytes", "Dirty bytes in the WiredTiger cache.", cache,
                new String[] {"tracked dirty bytes in the cache"}, 1);
        gauge(sink, "dbtools_mongodb_wiredtiger_cache_max_bytes", "Configured size of the WiredTiger cache.", cache,
                new String[] {"maximum bytes configured"}, 1);
        counter(sink, "dbtools_mongodb_wiredtiger_cache_pages_read_total", "Pages read into the WiredTiger cache.", cache,
                new String[] {"pages read into cache"}, 1);
        counter(sink, "dbtools_mongodb_wiredtiger_cache_pages_written_total", "Pages written from the WiredTiger cache.", cache,
                new String[] {"pages written from cache"}, 1);
    }

    /** Execution tickets: {@code wiredTiger.concurrentTransactions} before 7.0, {@code queues.execution} since. */
    private static void tickets(Document s, Version version, MetricSink sink) {
        Document tickets = version.compareTo(QUEUES_SINCE) >= 0
                ? Docs.document(s, "queues", "execution")
                : Docs.document(s, "wiredTiger", "concurrentTransactions");
        if (tickets == null) return;
        for (String op : new String[] {"read", "write"}) {
            gauge(sink, TICKETS_OUT, "Storage execution tickets in use, by operation.", tickets, new String[] {op, "out"}, 1,
                    "operation", op);
            gauge(sink, TICKETS_AVAILABLE, "Storage execution tickets free, by operation (0 means operations queue).", tickets,
                    new String[] {op, "available"}, 1, "operation", op);
        }
    }

    private static void byOp(MetricSink sink, String name, String help, Document counters) {
        if (counters == null) return;
        for (Map.Entry<String, Object> e : counters.entrySet()) {
            // opcountersRepl also holds a "deprecated" sub-document on some versions; only numbers are ops.
            if (e.getValue() instanceof Number n) sink.counter(name, help, n.doubleValue(), "op", e.getKey());
        }
    }

    private static void gauge(MetricSink sink, String name, String help, Document d, String[] path, double scale, String... labels) {
        Double v = Docs.number(d, path);
        if (v != null) sink.gauge(name, help, v * scale, labels);
    }

    private static void counter(MetricSink sink, String name, String help, Document d, String[] path, double scale, String... labels) {
        Double v = Docs.number(d, path);
        if (v != null) sink.counter(name, help, v * scale, labels);
    }
}
