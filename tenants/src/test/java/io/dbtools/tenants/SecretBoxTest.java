package io.dbtools.tenants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    private final SecureRandom random = new SecureRandom();

    private SecretBox box() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return new SecretBox(key, random);
    }

    @Test
    void round_trips_and_never_contains_the_plain_text() {
        SecretBox box = box();
        byte[] sealed = box.encrypt("hunter2-hunter2");
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("hunter2"));
        assertEquals("hunter2-hunter2", box.decrypt(sealed));
    }

    @Test
    void equal_secrets_encrypt_differently() {
        SecretBox box = box();
        assertFalse(Arrays.equals(box.encrypt("same"), box.encrypt("same")));
    }

    @Test
    void a_tampered_value_or_another_key_fails_without_echoing_the_secret() {
        SecretBox box = box();
        byte[] sealed = box.encrypt("s3cret-value");
        sealed[sealed.length - 1] ^= 1;
        var e = assertThrows(IllegalStateException.class, () -> box.decrypt(sealed));
        assertFalse(e.getMessage().contains("s3cret"));
        assertThrows(IllegalStateException.class, () -> box().decrypt(box.encrypt("x")));
    }

    @Test
    void a_key_file_is_generated_once_and_reused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("k/secret.key");
        var first = SecretKeys.load(null, file, random);
        var second = SecretKeys.load(null, file, random);
        assertEquals(32, first.key().length);
        assertEquals(Arrays.toString(first.key()), Arrays.toString(second.key()));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void a_short_environment_key_is_refused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SecretKeys.load(java.util.Base64.getEncoder().encodeToString(new byte[16]), Path.of("/nonexistent"), random));
        assertEquals("DBTOOLS_SECRET_KEY must decode to 32 bytes, got 16", e.getMessage());
    }
}
