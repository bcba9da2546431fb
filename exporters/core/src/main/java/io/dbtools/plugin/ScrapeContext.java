package io.dbtools.plugin;

/** What a collector may use while it runs: the server it talks to, the deadline, the target's options. */
public record ScrapeContext(ServerInfo server, Deadline deadline, Target target) {}
