package io.dbtools.mongodb;

import com.mongodb.MongoCommandException;
import io.dbtools.plugin.Deadline;
import org.bson.Document;

/** {@code hello}, with {@code isMaster} for servers (and wire-protocol peers) that do not know it. */
final class Hello {

    private static final int COMMAND_NOT_FOUND = 59;

    private Hello() {}

    static Document run(MongoSource source, Deadline deadline) {
        try {
            return source.command(deadline, "admin", new Document("hello", 1));
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != COMMAND_NOT_FOUND && !"CommandNotFound".equals(e.getErrorCodeName())) throw e;
            return source.command(deadline, "admin", new Document("isMaster", 1));
        }
    }
}
