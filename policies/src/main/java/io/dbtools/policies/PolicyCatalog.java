package io.dbtools.policies;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * The policy types DbTools knows (backup, index_maintenance, integrity_check, custom_script):
 * their JSON Schemas, validation of a policy document with every violation by path, and the
 * document with its defaults filled. The control API stores and versions policies; this module
 * says what a valid one is.
 */
public interface PolicyCatalog {

    /** A policy type as the API lists it ({@code GET /api/policies/schemas}). */
    record PolicyType(String name, String title, List<String> engines, JsonNode schema) {}

    /** One problem with a policy document: a JSON Pointer-ish path ({@code /retention/days}) and what is wrong. */
    record Violation(String path, String message) {}

    /** The outcome of validating a document: either the document with defaults filled, or every violation. */
    sealed interface Validation {
        record Valid(JsonNode withDefaults) implements Validation {}

        record Invalid(List<Violation> violations) implements Validation {}
    }

    List<PolicyType> types();

    Optional<PolicyType> type(String name);

    /** Validates {@code spec} against the type's schema; an unknown type is one violation at path {@code /type}. */
    Validation validate(String type, JsonNode spec);
}
