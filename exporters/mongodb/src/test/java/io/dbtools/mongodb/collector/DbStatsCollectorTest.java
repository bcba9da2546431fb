package io.dbtools.mongodb.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.dbtools.mongodb.Fixtures;
import io.dbtools.mongodb.Samples;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** dbStats parsing against a recorded mongos reply, and the top-N database selection. */
class DbStatsCollectorTest {

    @Test
    void a_mongos_reply_gives_cluster_wide_sizes_and_the_normalized_size_is_storage_plus_indexes() {
        Samples s = new Samples();
        DbStatsCollector.parse("test", Fixtures.document("dbStats-mongos-4.4.json"), s);
        assertEquals(49152 + 49152, s.value("dbtools_database_size_bytes", "database", "test"));
        assertEquals(8708, s.value("dbtools_mongodb_database_data_bytes", "database", "test"));
        assertEquals(49152, s.value("dbtools_mongodb_database_storage_bytes", "database", "test"));
        assertEquals(49152, s.value("dbtools_mongodb_database_index_bytes", "database", "test"));
        assertEquals(316, s.value("dbtools_mongodb_database_objects", "database", "test"));
        assertEquals(3, s.value("dbtools_mongodb_database_indexes", "database", "test"));
        assertFalse(s.has("dbtools_mongodb_database_collections"), "mongos reports no top-level collection count: none invented");
    }

    private static Document listDatabases(Object... nameSize) {
        List<Document> dbs = new java.util.ArrayList<>();
        for (int i = 0; i < nameSize.length; i += 2) {
            dbs.add(new Document("name", nameSize[i]).append("sizeOnDisk", nameSize[i + 1]).append("empty", false));
        }
        return new Document("databases", dbs).append("ok", 1.0);
    }

    @Test
    void the_largest_databases_get_their_own_series_and_the_rest_add_up_to_other() {
        var selection = DbStatsCollector.select(listDatabases("admin", 40960L, "shop", 9_000_000L, "audit", 300_000L, "local", 2_000_000L), 2);
        assertEquals(List.of("shop", "local"), selection.databases());
        assertEquals(300_000 + 40960, selection.otherBytes());
        Samples s = new Samples();
        DbStatsCollector.other(selection, s);
        assertEquals(340_960, s.value("dbtools_database_size_bytes", "database", "other"));
    }

    @Test
    void no_other_series_when_every_database_fits() {
        var selection = DbStatsCollector.select(listDatabases("admin", 40960, "shop", 9000), 20);
        assertEquals(List.of("admin", "shop"), selection.databases());
        Samples s = new Samples();
        DbStatsCollector.other(selection, s);
        assertEquals(List.of(), s.all());
    }
}
