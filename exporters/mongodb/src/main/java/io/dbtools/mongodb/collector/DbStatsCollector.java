package io.dbtools.mongodb.collector;

import io.dbtools.mongodb.Docs;
import io.dbtools.mongodb.MongoSource;
import io.dbtools.mongodb.MongoTopology;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.CoreMetrics;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import org.bson.Document;

/**
 * {@code dbStats} for the largest databases ({@code listDatabases} ranks them by size on disk): data,
 * storage and index bytes, objects, collections. At most {@code databases_top_n} (default 20)
 * databases get their own label; the rest are summed into {@code database="other"} for the
 * normalized size. Sizes change slowly, so this runs once a minute.
 */
public final class DbStatsCollector extends MongoCollector {

    public static final String TOP_N_OPTION = "databases_top_n";
    static final int DEFAULT_TOP_N = 20;
    static final String OTHER = "other";

    /** The databases that get their own series, and what the rest add up to. */
    record Selection(List<String> databases, double otherBytes, int otherCount) {}

    public DbStatsCollector() {
        super(new CollectorInfo("db_stats", "dbStats per database (top databases_top_n by size; refreshed every minute)",
                true, Duration.ofMinutes(1)), EnumSet.allOf(MongoTopology.class));
    }

    @Override
    public void collect(MongoSource mongo, ScrapeContext ctx, MetricSink sink) {
        Document list = mongo.command(ctx, "admin", new Document("listDatabases", 1).append("nameOnly", false));
        Selection selection = select(list, ctx.target().intOption(TOP_N_OPTION, DEFAULT_TOP_N));
        int unreadable = 0;
        for (String db : selection.databases()) {
            try {
                parse(db, mongo.command(ctx, db, new Document("dbStats", 1).append("scale", 1)), sink);
            } catch (RuntimeException e) {
                // One database the user may not read must not hide all others; it is counted instead.
                if (!Unauthorized.is(e)) throw e;
                unreadable++;
            }
        }
        sink.gauge("dbtools_mongodb_databases_unreadable", "Databases whose dbStats the monitoring user may not read (error 13).", unreadable);
        other(selection, sink);
    }

    /** Pure: the {@code topN} largest databases of a {@code listDatabases} reply, by {@code sizeOnDisk}. */
    static Selection select(Document listDatabases, int topN) {
        List<Document> all = new ArrayList<>(Docs.documents(listDatabases, "databases"));
        all.sort(Comparator.comparingDouble((Document d) -> size(d)).reversed().thenComparing(d -> d.getString("name")));
        List<String> chosen = all.stream().limit(Math.max(0, topN)).map(d -> d.getString("name")).toList();
        double otherBytes = all.stream().skip(chosen.size()).mapToDouble(DbStatsCollector::size).sum();
        return new Selection(chosen, otherBytes, all.size() - chosen.size());
    }

    private static double size(Document database) {
        Double v = Docs.number(database, "sizeOnDisk");
        return v == null ? 0 : v;
    }

    static void other(Selection selection, MetricSink sink) {
        if (selection.otherCount() > 0) {
            sink.gauge(CoreMetrics.DATABASE_SIZE_BYTES, HELP_SIZE, selection.otherBytes(), "database", OTHER);
        }
    }

    static final String HELP_SIZE = "Database size on disk: collection storage plus indexes (normalized across engines).";

    /** Pure: one database's {@code dbStats} reply (through mongos: the cluster-wide totals) to samples. */
    public static void parse(String database, Document stats, MetricSink sink) {
        Double storage = Docs.number(stats, "storageSize");
        Double index = Docs.number(stats, "indexSize");
        if (storage != null && index != null) {
            sink.gauge(CoreMetrics.DATABASE_SIZE_BYTES, HELP_SIZE, storage + index, "database", database);
        }
        gauge(sink, "dbtools_mongodb_database_data_bytes", "Uncompressed size of the documents.", stats, "dataSize", database);
        gauge(sink, "dbtools_mongodb_database_storage_bytes", "Bytes allocated for documents on disk (compressed, incl. free space).",
                stats, "storageSize", database);
        gauge(sink, "dbtools_mongodb_database_index_bytes", "Bytes allocated for indexes on disk.", stats, "indexSize", database);
        gauge(sink, "dbtools_mongodb_database_objects", "Documents in the database.", stats, "objects", database);
        gauge(sink, "dbtools_mongodb_database_collections", "Collections in the database.", stats, "collections", database);
        gauge(sink, "dbtools_mongodb_database_indexes", "Indexes in the database.", stats, "indexes", database);
    }

    private static void gauge(MetricSink sink, String name, String help, Document stats, String field, String database) {
        Double v = Docs.number(stats, field);
        if (v != null) sink.gauge(name, help, v, "database", database);
    }
}
