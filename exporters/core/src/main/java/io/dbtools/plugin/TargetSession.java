package io.dbtools.plugin;

import java.util.List;

/**
 * One target's connection state inside a plugin: a small pool or a client, opened lazily
 * and closed when idle or on {@link #close()}.
 *
 * @param <C> the source handed to collectors
 */
public interface TargetSession<C> extends AutoCloseable {

    /** Connects if needed and says what the server is. Throws {@link ConnectException} when it cannot. */
    ServerInfo identify(Deadline deadline) throws ConnectException;

    C source();

    /** The plugin's collectors; the runtime applies selection, version gates and caching. */
    List<Collector<C>> collectors();

    @Override
    void close();
}
