package io.dbtools.api.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.api.job.Schedule;

/** POST and PUT /api/policies; a PUT makes the next version (the type never changes). */
public record PolicyRequest(String name, String type, String description, JsonNode spec, Schedule schedule) {}
