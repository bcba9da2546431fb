package io.dbtools.mongodb.collector;

import io.dbtools.mongodb.Docs;
import io.dbtools.mongodb.MongoSource;
import io.dbtools.mongodb.MongoTopology;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * {@code $collStats} with {@code storageStats}: the largest collections by bytes on disk. MongoDB has
 * no server-wide collection list with sizes, so this asks every collection (one aggregation each, at
 * most {@code collections_scan_max}, default 500) and keeps the {@code collections_top_n} (default 20)
 * largest; the rest are summed into {@code database="other", collection="other"}. It is the costliest
 * collector, so it runs every 5 minutes.
 */
public final class CollStatsCollector extends MongoCollector {

    public static final String TOP_N_OPTION = "collections_top_n";
    public static final String SCAN_MAX_OPTION = "collections_scan_max";
    static final int DEFAULT_TOP_N = 20;
    static final int DEFAULT_SCAN_MAX = 500;
    static final String OTHER = "other";
    static final List<Document> PIPELINE = List.of(new Document("$collStats", new Document("storageStats", new Document("scale", 1))));

    /** One collection's sizes, summed over shards when read through mongos. */
    record CollectionSize(String database, String collection, double size, double storage, double index, double documents) {
        double onDisk() {
            return storage + index;
        }
    }

    public CollStatsCollector() {
        super(new CollectorInfo("coll_stats", "$collStats storageStats of the collections_top_n largest collections (refreshed every 5 minutes)",
                true, Duration.ofMinutes(5)), EnumSet.allOf(MongoTopology.class));
    }

    @Override
    public void collect(MongoSource mongo, ScrapeContext ctx, MetricSink sink) {
        int scanMax = ctx.target().intOption(SCAN_MAX_OPTION, DEFAULT_SCAN_MAX);
        Document list = mongo.command(ctx, "admin", new Document("listDatabases", 1).append("nameOnly", true));
        List<Document> replies = new ArrayList<>();
        int seen = 0;
        int unreadable = 0;
        for (Document db : Docs.documents(list, "databases")) {
            String database = db.getString("name");
            List<String> names;
            try {
                names = collections(mongo, ctx, database);
            } catch (RuntimeException e) {
                if (!Unauthorized.is(e)) throw e;
                unreadable++;
                continue;
            }
            for (String collection : names) {
                seen++;
                if (seen > scanMax) continue;
                try {
                    replies.addAll(mongo.aggregate(ctx, database, collection, PIPELINE));
                } catch (RuntimeException e) {
                    // One collection the user may not read must not hide the sizes of all others; it is counted instead.
                    if (!Unauthorized.is(e)) throw e;
                    unreadable++;
                }
            }
        }
        sink.gauge("dbtools_mongodb_collections_unscanned",
                "Collections beyond collections_scan_max, not included in the collection sizes.", Math.max(0, seen - scanMax));
        sink.gauge("dbtools_mongodb_collections_unreadable",
                "Databases and collections whose stats the monitoring user may not read (error 13), not included.", unreadable);
        emit(parse(replies), ctx.target().intOption(TOP_N_OPTION, DEFAULT_TOP_N), sink);
    }

    /** Plain collections the user may see; views, time-series and internal {@code system.*} collections are left out. */
    private static List<String> collections(MongoSource mongo, ScrapeContext ctx, String database) {
        return mongo.collectionNames(ctx, database, new Document("type", "collection")).stream()
                .filter(name -> !name.startsWith("system.")).toList();
    }

    /** Pure: {@code $collStats} result documents (one per collection, or per shard through mongos) to sizes. */
    static List<CollectionSize> parse(List<Document> replies) {
        Map<String, CollectionSize> byNamespace = new LinkedHashMap<>();
        for (Document r : replies) {
            String ns = r.getString("ns");
            Document s = Docs.document(r, "storageStats");
            if (ns == null || s == null || ns.indexOf('.') < 0) continue;
            int dot = ns.indexOf('.');
            CollectionSize one = new CollectionSize(ns.substring(0, dot), ns.substring(dot + 1), num(s, "size"), num(s, "storageSize"),
                    num(s, "totalIndexSize"), num(s, "count"));
            byNamespace.merge(ns, one, (a, b) -> new CollectionSize(a.database(), a.collection(), a.size() + b.size(),
                    a.storage() + b.storage(), a.index() + b.index(), a.documents() + b.documents()));
        }
        return List.copyOf(byNamespace.values());
    }

    /** The {@code topN} largest by bytes on disk get their own labels; the rest are summed into one {@code other} series. */
    static void emit(List<CollectionSize> all, int topN, MetricSink sink) {
        List<CollectionSize> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingDouble(CollectionSize::onDisk).reversed()
                .thenComparing(CollectionSize::database).thenComparing(CollectionSize::collection));
        int keep = Math.min(Math.max(0, topN), sorted.size());
        for (CollectionSize c : sorted.subList(0, keep)) {
            write(c, sink);
        }
        if (keep < sorted.size()) {
            CollectionSize other = new CollectionSize(OTHER, OTHER, 0, 0, 0, 0);
            for (CollectionSize c : sorted.subList(keep, sorted.size())) {
                other = new CollectionSize(OTHER, OTHER, other.size() + c.size(), other.storage() + c.storage(),
                        other.index() + c.index(), other.documents() + c.documents());
            }
            write(other, sink);
        }
    }

    private static void write(CollectionSize c, MetricSink sink) {
        String[] labels = {"database", c.database(), "collection", c.collection()};
        sink.gauge("dbtools_mongodb_collection_size_bytes", "Uncompressed size of the collection's documents.", c.size(), labels);
        sink.gauge("dbtools_mongodb_collection_storage_bytes", "Bytes allocated for the collection on disk.", c.storage(), labels);
        sink.gauge("dbtools_mongodb_collection_index_bytes", "Bytes allocated for the collection's indexes on disk.", c.index(), labels);
        sink.gauge("dbtools_mongodb_collection_documents", "Documents in the collection.", c.documents(), labels);
    }

    private static double num(Document d, String field) {
        Double v = Docs.number(d, field);
        return v == null ? 0 : v;
    }
}
