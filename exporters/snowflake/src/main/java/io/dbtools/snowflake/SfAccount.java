package io.dbtools.snowflake;

import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Target;
import java.sql.SQLException;
import java.time.Duration;

/** One logged-in Snowflake session as the plugin uses it: identify, run bounded queries, close. */
interface SfAccount extends SfSource.Queries, AutoCloseable {

    ServerInfo identify(int timeoutSeconds) throws SQLException;

    @Override
    void close();

    /** Logs in to a target's account; JDBC in production ({@link JdbcAccount#open}). */
    @FunctionalInterface
    interface Opener {
        SfAccount open(Target target, Duration loginTimeout) throws SQLException;
    }
}
