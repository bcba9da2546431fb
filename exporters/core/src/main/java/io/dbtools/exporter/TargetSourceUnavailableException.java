package io.dbtools.exporter;

/** The target source could not answer (the control API is down); the scrape is retried by Prometheus. */
public class TargetSourceUnavailableException extends RuntimeException {

    public TargetSourceUnavailableException(String message) {
        super(message);
    }
}
