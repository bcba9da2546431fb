package io.dbtools.plugin;

/**
 * Where collectors write samples. Names follow {@code dbtools_<engine>_<family>_<unit>}; counters end
 * in {@code _total}. Labels are given as name/value pairs; the runtime adds {@code tenant},
 * {@code server} and {@code engine}.
 */
public interface MetricSink {

    void gauge(String name, String help, double value, String... labelPairs);

    void counter(String name, String help, double value, String... labelPairs);

    /** An info metric: name ends in {@code _info}, value 1, facts as labels. */
    void info(String name, String help, String... labelPairs);
}
