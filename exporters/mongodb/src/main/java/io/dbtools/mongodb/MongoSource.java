package io.dbtools.mongodb;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.dbtools.plugin.Deadline;
import io.dbtools.plugin.ScrapeContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * What MongoDB collectors read through: the target's client, with every operation bounded by the
 * scrape deadline (the driver's operation timeout covers server selection, connection checkout and
 * the server's own {@code maxTimeMS}).
 */
public final class MongoSource {

    private final MongoClient client;

    public MongoSource(MongoClient client) {
        this.client = client;
    }

    /** Runs one command on a database. */
    public Document command(ScrapeContext context, String database, Bson command) {
        return command(context.deadline(), database, command);
    }

    public Document command(Deadline deadline, String database, Bson command) {
        return database(deadline, database).runCommand(command);
    }

    /** A database-level aggregation (e.g. {@code $currentOp} on admin), every result document; the comment shows in the server's logs and ops. */
    public List<Document> aggregate(ScrapeContext context, String database, List<? extends Bson> pipeline, String comment) {
        return database(context.deadline(), database).aggregate(pipeline).comment(comment).into(new ArrayList<>());
    }

    /** A collection-level aggregation (e.g. {@code $collStats}), every result document. */
    public List<Document> aggregate(ScrapeContext context, String database, String collection, List<? extends Bson> pipeline) {
        return database(context.deadline(), database).getCollection(collection).aggregate(pipeline).into(new ArrayList<>());
    }

    /** Names of the collections the user may see that match the filter (every batch of the cursor). */
    public List<String> collectionNames(ScrapeContext context, String database, Bson filter) {
        return database(context.deadline(), database).listCollectionNames().filter(filter).authorizedCollections(true)
                .into(new ArrayList<>());
    }

    /** The first document of a collection in the given order, with only the projected fields, or null. */
    public Document first(ScrapeContext context, String database, String collection, Bson sort, Bson projection) {
        return database(context.deadline(), database).getCollection(collection)
                .find().sort(sort).projection(projection).limit(1).first();
    }

    private MongoDatabase database(Deadline deadline, String name) {
        long ms = deadline.remaining().toMillis();
        if (ms <= 0) {
            // withTimeout(0) would mean "no limit"; an expired deadline must not start anything.
            throw new com.mongodb.MongoOperationTimeoutException("scrape deadline passed before the command started");
        }
        return client.getDatabase(name).withTimeout(ms, TimeUnit.MILLISECONDS);
    }
}
