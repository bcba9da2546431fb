package io.dbtools.tenants;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Where the 32-byte encryption key comes from: DBTOOLS_SECRET_KEY (base64), else a key file, generated for demos. */
public final class SecretKeys {

    private SecretKeys() {}

    public record Loaded(byte[] key, String source) {}

    /**
     * @param base64 the value of DBTOOLS_SECRET_KEY, or null
     * @param file the key file (DBTOOLS_SECRET_KEY_FILE or the data directory's), created with a new key when missing
     */
    public static Loaded load(String base64, Path file, SecureRandom random) {
        if (base64 != null && !base64.isBlank()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(base64.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("DBTOOLS_SECRET_KEY is not valid base64");
            }
            if (key.length != 32) {
                throw new IllegalArgumentException("DBTOOLS_SECRET_KEY must decode to 32 bytes, got " + key.length);
            }
            return new Loaded(key, "DBTOOLS_SECRET_KEY");
        }
        try {
            if (Files.exists(file)) {
                byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.UTF_8).strip());
                if (key.length != 32) {
                    throw new IllegalArgumentException("key file " + file + " must hold 32 base64 bytes");
                }
                return new Loaded(key, file.toString());
            }
            byte[] key = new byte[32];
            random.nextBytes(key);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the file stays with default permissions
            }
            return new Loaded(key, file + " (generated)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create key file " + file, e);
        }
    }

}
