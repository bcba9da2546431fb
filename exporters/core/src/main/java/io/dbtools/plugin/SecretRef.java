package io.dbtools.plugin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * Where a secret lives: {@code env:VAR}, {@code file:/path} or, for demos only, {@code inline:value}.
 * The reference can be printed; the secret it resolves to never is.
 */
public final class SecretRef {

    private final String scheme;
    private final String location;

    private SecretRef(String scheme, String location) {
        this.scheme = scheme;
        this.location = location;
    }

    /** Parses a reference; the error message never repeats the value, which may be a pasted password. */
    public static SecretRef parse(String ref) {
        if (ref == null || ref.isEmpty()) {
            throw new IllegalArgumentException("empty secret reference");
        }
        int colon = ref.indexOf(':');
        String scheme = colon < 0 ? "" : ref.substring(0, colon);
        String location = colon < 0 ? "" : ref.substring(colon + 1);
        return switch (scheme) {
            case "env", "file", "inline" -> {
                if (location.isEmpty()) {
                    throw new IllegalArgumentException("secret reference '" + scheme + ":' names nothing");
                }
                yield new SecretRef(scheme, location);
            }
            default -> throw new IllegalArgumentException(
                    "a secret must be given as env:VAR, file:/path or inline:value (demo only)");
        };
    }

    /** A secret already in memory (e.g. decrypted by the control API), never printed. */
    public static SecretRef literal(String secret) {
        return new SecretRef("inline", secret);
    }

    public String scheme() {
        return scheme;
    }

    /** Reads the secret now: environment variables and files may change between scrapes. */
    public String resolve() {
        return resolve(System::getenv);
    }

    public String resolve(Function<String, String> environment) {
        return switch (scheme) {
            case "env" -> {
                String v = environment.apply(location);
                if (v == null) {
                    throw new IllegalStateException("environment variable " + location + " is not set");
                }
                yield v;
            }
            case "file" -> {
                try {
                    yield Files.readString(Path.of(location), StandardCharsets.UTF_8).strip();
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read secret file " + location + ": " + e.getClass().getSimpleName());
                }
            }
            default -> location;
        };
    }

    /** Safe to log: names where the secret lives, hides inline values. */
    @Override
    public String toString() {
        return "inline".equals(scheme) ? "inline:***" : scheme + ":" + location;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretRef s && s.scheme.equals(scheme) && s.location.equals(location);
    }

    @Override
    public int hashCode() {
        return Map.entry(scheme, location).hashCode();
    }
}
