package io.dbtools.mongodb.collector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dbtools.mongodb.Fixtures;
import io.dbtools.mongodb.Samples;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** $currentOp parsing against a recorded 7.0 result (see fixtures/mongodb/SOURCES.md). */
class CurrentOpCollectorTest {

    private static final double[] THRESHOLDS = {0.0001, 1, 10};

    @Test
    void active_operations_are_counted_by_type() {
        Samples s = new Samples();
        CurrentOpCollector.parse(Fixtures.documents("currentOp-7.0.json"), THRESHOLDS, s);
        assertEquals(1, s.value("dbtools_mongodb_active_operations", "op", "query"));
        assertEquals(1, s.value("dbtools_mongodb_active_operations", "op", "command"));
        assertEquals(1, s.value("dbtools_mongodb_active_operations", "op", "none"));
        assertEquals(1, s.value("dbtools_mongodb_active_operations", "op", "getmore"));
    }

    @Test
    void the_oldest_operation_ignores_awaitable_hello_tailable_getmores_and_background_threads() {
        // Recorded: a find running 167 µs, an awaitable hello at 954,999 µs, an OplogApplier thread
        // (op none) and an oplog-tailing getMore at 13,134 µs. Only the find is a client operation.
        Samples s = new Samples();
        CurrentOpCollector.parse(Fixtures.documents("currentOp-7.0.json"), THRESHOLDS, s);
        assertEquals(0.000167, s.value("dbtools_oldest_query_seconds"), 1e-12);
        assertEquals(1, s.value("dbtools_mongodb_long_operations", "threshold_seconds", "0.0001"));
        assertEquals(0, s.value("dbtools_mongodb_long_operations", "threshold_seconds", "1"));
        assertEquals(0, s.value("dbtools_mongodb_long_operations", "threshold_seconds", "10"));
        assertEquals(0, s.value("dbtools_blocked_sessions"));
    }

    @Test
    void operations_waiting_for_a_lock_are_blocked_sessions_and_long_ones_cross_thresholds() {
        // The recorded find, changed to have waited 75 s for a lock.
        List<Document> ops = Fixtures.documents("currentOp-7.0.json");
        Document find = ops.get(0);
        find.put("waitingForLock", true);
        find.put("secs_running", 75);
        find.put("microsecs_running", 75_000_123L);
        Samples s = new Samples();
        CurrentOpCollector.parse(ops, CurrentOpCollector.thresholds("1,10,60"), s);
        assertEquals(1, s.value("dbtools_blocked_sessions"));
        assertEquals(75.000123, s.value("dbtools_oldest_query_seconds"), 1e-9);
        assertEquals(1, s.value("dbtools_mongodb_long_operations", "threshold_seconds", "60"));
    }

    @Test
    void no_operations_give_zeroes_not_missing_series() {
        Samples s = new Samples();
        CurrentOpCollector.parse(List.of(), CurrentOpCollector.thresholds("1, 10"), s);
        assertEquals(0, s.value("dbtools_oldest_query_seconds"));
        assertEquals(0, s.value("dbtools_blocked_sessions"));
        assertEquals(0, s.value("dbtools_mongodb_long_operations", "threshold_seconds", "10"));
    }

    @Test
    void thresholds_are_parsed_and_sorted() {
        assertArrayEquals(new double[] {1, 2.5, 60}, CurrentOpCollector.thresholds(" 60,1 , 2.5"));
    }
}
