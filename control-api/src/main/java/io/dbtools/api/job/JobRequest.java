package io.dbtools.api.job;

import com.fasterxml.jackson.databind.JsonNode;

/** The body of POST/PUT /api/jobs; null means the default (PUT replaces the whole job). */
public record JobRequest(String name, String type, JsonNode configuration, Schedule schedule, Boolean enabled,
                         Integer priority, Integer timeoutSeconds, Integer maxRetries, Integer retryBackoffSeconds,
                         String misfirePolicy, Boolean allowConcurrent, Long serverId) {}
