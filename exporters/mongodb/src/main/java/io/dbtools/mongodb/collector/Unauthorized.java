package io.dbtools.mongodb.collector;

import com.mongodb.MongoCommandException;

/** Server error 13: the monitoring user may not read this one database or collection. */
final class Unauthorized {

    private static final int CODE = 13;

    private Unauthorized() {}

    static boolean is(RuntimeException e) {
        return e instanceof MongoCommandException c && c.getErrorCode() == CODE;
    }
}
