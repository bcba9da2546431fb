package io.dbtools.mongodb.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dbtools.mongodb.Fixtures;
import io.dbtools.mongodb.Samples;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** $collStats parsing against a recorded 7.0 result, and the top-N bound. */
class CollStatsCollectorTest {

    @Test
    void storage_stats_give_size_storage_index_and_documents() {
        Samples s = new Samples();
        CollStatsCollector.emit(CollStatsCollector.parse(Fixtures.documents("collStats-aggregate-7.0-trimmed.json")), 20, s);
        assertEquals(5670, s.value("dbtools_mongodb_collection_size_bytes", "database", "test", "collection", "foo"));
        assertEquals(16384, s.value("dbtools_mongodb_collection_storage_bytes", "database", "test", "collection", "foo"));
        assertEquals(16384, s.value("dbtools_mongodb_collection_index_bytes", "database", "test", "collection", "foo"));
        assertEquals(210, s.value("dbtools_mongodb_collection_documents", "database", "test", "collection", "foo"));
    }

    @Test
    void through_mongos_one_document_per_shard_is_summed_per_collection() {
        // The recorded reply twice, as two shards holding chunks of test.foo.
        List<Document> perShard = new ArrayList<>(Fixtures.documents("collStats-aggregate-7.0-trimmed.json"));
        perShard.addAll(Fixtures.documents("collStats-aggregate-7.0-trimmed.json"));
        var sizes = CollStatsCollector.parse(perShard);
        assertEquals(1, sizes.size());
        assertEquals(2 * 210, sizes.get(0).documents());
        assertEquals(2 * 16384, sizes.get(0).storage());
    }

    @Test
    void collections_beyond_top_n_are_summed_into_other() {
        List<CollStatsCollector.CollectionSize> sizes = List.of(
                new CollStatsCollector.CollectionSize("shop", "orders", 900, 500, 100, 9),
                new CollStatsCollector.CollectionSize("shop", "carts", 50, 30, 10, 2),
                new CollStatsCollector.CollectionSize("audit", "events", 400, 200, 50, 4));
        Samples s = new Samples();
        CollStatsCollector.emit(sizes, 1, s);
        assertEquals(500, s.value("dbtools_mongodb_collection_storage_bytes", "database", "shop", "collection", "orders"));
        assertEquals(230, s.value("dbtools_mongodb_collection_storage_bytes", "database", "other", "collection", "other"));
        assertEquals(6, s.value("dbtools_mongodb_collection_documents", "database", "other", "collection", "other"));
        assertEquals(2, s.named("dbtools_mongodb_collection_storage_bytes").size());
    }
}
