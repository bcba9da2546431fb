package io.dbtools.mongodb.collector;

import io.dbtools.mongodb.MongoSource;
import io.dbtools.plugin.Collector;
import java.util.List;

/** Every MongoDB collector, in the order a scrape runs them (cheap and most wanted first). */
public final class MongoCollectors {

    private MongoCollectors() {}

    public static List<Collector<MongoSource>> all() {
        return List.of(
                new ServerStatusCollector(),
                new ReplSetGetStatusCollector(),
                new CurrentOpCollector(),
                new OplogRsCollector(),
                new DbStatsCollector(),
                new CollStatsCollector());
    }
}
