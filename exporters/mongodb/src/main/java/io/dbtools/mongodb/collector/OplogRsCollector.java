package io.dbtools.mongodb.collector;

import io.dbtools.mongodb.Docs;
import io.dbtools.mongodb.MongoSource;
import io.dbtools.mongodb.MongoTopology;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import java.util.EnumSet;
import org.bson.Document;

/**
 * {@code local.oplog.rs}: the oplog window, the time between its oldest and newest entry — how long
 * a secondary may be down and still catch up without a full resync. Reading {@code local} needs the
 * {@code read} role on it, which {@code clusterMonitor} does not grant; without it this collector
 * fails alone and the connection test names the missing role.
 */
public final class OplogRsCollector extends MongoCollector {

    static final String WINDOW = "dbtools_mongodb_oplog_window_seconds";
    private static final Document NATURAL_FIRST = new Document("$natural", 1);
    private static final Document NATURAL_LAST = new Document("$natural", -1);
    private static final Document TS_ONLY = new Document("ts", 1).append("_id", 0);

    public OplogRsCollector() {
        super(CollectorInfo.everyScrape("oplog_rs", "local.oplog.rs: oplog window (needs read on local)"),
                EnumSet.of(MongoTopology.REPLICA_SET));
    }

    @Override
    public void collect(MongoSource mongo, ScrapeContext ctx, MetricSink sink) {
        // The oplog is capped: natural order is insertion order, so both ends are one document read each.
        Document first = mongo.first(ctx, "local", "oplog.rs", NATURAL_FIRST, TS_ONLY);
        Document last = mongo.first(ctx, "local", "oplog.rs", NATURAL_LAST, TS_ONLY);
        parse(first, last, sink);
    }

    /** Pure: the oldest and newest oplog entries (only {@code ts} is read) to samples; nothing for an empty oplog. */
    public static void parse(Document first, Document last, MetricSink sink) {
        Double from = first == null ? null : Docs.epochSeconds(first.get("ts"));
        Double to = last == null ? null : Docs.epochSeconds(last.get("ts"));
        if (from == null || to == null) return;
        sink.gauge(WINDOW, "Seconds between the oldest and newest oplog entry.", Math.max(0, to - from));
        sink.gauge("dbtools_mongodb_oplog_last_timestamp_seconds", "Time of the newest oplog entry (Unix seconds).", to);
    }
}
