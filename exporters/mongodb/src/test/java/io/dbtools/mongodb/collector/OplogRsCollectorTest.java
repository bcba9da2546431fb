package io.dbtools.mongodb.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dbtools.mongodb.Samples;
import java.util.List;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The oplog window from the first and last entry's {@code ts}, as the driver returns them. */
class OplogRsCollectorTest {

    @Test
    void the_window_is_the_newest_minus_the_oldest_entry() {
        Samples s = new Samples();
        OplogRsCollector.parse(new Document("ts", new BsonTimestamp(1601900000, 1)), new Document("ts", new BsonTimestamp(1601987590, 13)), s);
        assertEquals(87590, s.value("dbtools_mongodb_oplog_window_seconds"));
        assertEquals(1601987590, s.value("dbtools_mongodb_oplog_last_timestamp_seconds"));
    }

    @Test
    void an_empty_oplog_writes_nothing() {
        Samples s = new Samples();
        OplogRsCollector.parse(null, null, s);
        assertEquals(List.of(), s.all());
    }
}
