package io.dbtools.mongodb.collector;

import io.dbtools.mongodb.MongoSource;
import io.dbtools.mongodb.MongoTopology;
import io.dbtools.plugin.Collector;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.ServerInfo;
import java.util.Set;

/** Base of the MongoDB collectors: holds the info and the topologies the command applies to. */
abstract class MongoCollector implements Collector<MongoSource> {

    private final CollectorInfo info;
    private final Set<MongoTopology> topologies;

    MongoCollector(CollectorInfo info, Set<MongoTopology> topologies) {
        this.info = info;
        this.topologies = Set.copyOf(topologies);
    }

    @Override
    public final CollectorInfo info() {
        return info;
    }

    /** Runs where its command applies: e.g. replication commands only on replica set members. */
    @Override
    public boolean supports(ServerInfo server) {
        return topologies.contains(MongoTopology.of(server));
    }
}
