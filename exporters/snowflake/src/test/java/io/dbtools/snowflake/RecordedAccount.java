package io.dbtools.snowflake;

import io.dbtools.plugin.ServerInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Answers a collector's exact SQL text with a recorded result set, and writes down every statement and the
 * timeout it was given; SQL it was not told about fails like an unknown object would.
 */
public final class RecordedAccount implements SfAccount {

    public record Call(String sql, int timeoutSeconds) {}

    private final Map<String, Callable<ResultSet>> answers = new LinkedHashMap<>();
    public final List<Call> calls = new ArrayList<>();
    public ServerInfo identity = SfIdentity.from("8.41.2", "DBTOOLS_MONITOR", "MONITOR_WH");
    public int identifyCalls;
    public int closes;

    public RecordedAccount answer(String sql, Callable<ResultSet> result) {
        answers.put(sql, result);
        return this;
    }

    public RecordedAccount fail(String sql, SQLException error) {
        answers.put(sql, () -> { throw error; });
        return this;
    }

    @Override
    public synchronized ServerInfo identify(int timeoutSeconds) {
        identifyCalls++;
        calls.add(new Call(SfIdentity.SQL, timeoutSeconds));
        return identity;
    }

    @Override
    public synchronized void run(String sql, int timeoutSeconds, SfSource.RowHandler rows) throws SQLException {
        calls.add(new Call(sql, timeoutSeconds));
        Callable<ResultSet> answer = answers.get(sql);
        if (answer == null) throw new SQLException("SQL compilation error: no recording for this statement", "02000", 2003);
        try (ResultSet rs = answer.call()) {
            while (rs.next()) rows.row(rs);
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException(e);
        }
    }

    public synchronized long runsOf(String sql) {
        return calls.stream().filter(c -> c.sql().equals(sql)).count();
    }

    @Override
    public synchronized void close() {
        closes++;
    }
}
