package io.dbtools.exporter;

import java.util.List;

/** The exporter's configuration is wrong; every problem is named with its file, target and field. */
public class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
