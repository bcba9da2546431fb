package io.dbtools.snowflake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PKCS#8 PEM keys generated here, written the way openssl writes them, read back as the driver gets them. */
class PrivateKeysTest {

    private static KeyPair pair;

    @BeforeAll
    static void generate() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        pair = g.generateKeyPair();
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC: what {@code openssl pkcs8 -topk8 -v2 aes256} writes. */
    static String encryptedPem(char[] passphrase) throws Exception {
        String alg = "PBEWithHmacSHA256AndAES_256";
        byte[] salt = new byte[16];
        byte[] iv = new byte[16];
        new SecureRandom().nextBytes(salt);
        new SecureRandom().nextBytes(iv);
        var key = SecretKeyFactory.getInstance(alg).generateSecret(new PBEKeySpec(passphrase));
        Cipher c = Cipher.getInstance(alg);
        c.init(Cipher.ENCRYPT_MODE, key, new PBEParameterSpec(salt, 2048, new IvParameterSpec(iv)));
        byte[] encrypted = c.doFinal(pair.getPrivate().getEncoded());
        // Re-read the parameters as PBES2: the JDK cannot name the combined algorithm when encoding.
        var pbes2 = java.security.AlgorithmParameters.getInstance("PBES2");
        pbes2.init(c.getParameters().getEncoded());
        return pem("ENCRYPTED PRIVATE KEY", new EncryptedPrivateKeyInfo(pbes2, encrypted).getEncoded());
    }

    @Test
    void a_plain_pkcs8_pem_gives_back_the_same_rsa_key() {
        var key = PrivateKeys.parse(pem("PRIVATE KEY", pair.getPrivate().getEncoded()), null);
        assertArrayEquals(pair.getPrivate().getEncoded(), key.getEncoded());
    }

    @Test
    void an_encrypted_pkcs8_pem_is_decrypted_with_the_passphrase() throws Exception {
        char[] pass = "correct horse".toCharArray();
        var key = PrivateKeys.parse(encryptedPem(pass), pass);
        assertArrayEquals(pair.getPrivate().getEncoded(), key.getEncoded());
    }

    @Test
    void a_wrong_passphrase_is_a_clear_error_that_does_not_repeat_the_passphrase() throws Exception {
        String pem = encryptedPem("correct horse".toCharArray());
        var e = assertThrows(IllegalArgumentException.class, () -> PrivateKeys.parse(pem, "battery staple".toCharArray()));
        assertTrue(e.getMessage().startsWith("privateKey:"), e.getMessage());
        assertFalse(e.getMessage().contains("battery"), e.getMessage());
    }

    @Test
    void an_encrypted_key_without_a_passphrase_names_the_option_to_set() throws Exception {
        String pem = encryptedPem("x".toCharArray());
        var e = assertThrows(IllegalArgumentException.class, () -> PrivateKeys.parse(pem, null));
        assertTrue(e.getMessage().contains("private_key_passphrase"), e.getMessage());
    }

    @Test
    void a_pkcs1_key_is_refused_with_the_conversion_command() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> PrivateKeys.parse(pem("RSA PRIVATE KEY", new byte[] {1, 2, 3}), null));
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8"), e.getMessage());
    }

    @Test
    void text_that_is_not_a_pem_key_is_refused_without_echoing_it() {
        var e = assertThrows(IllegalArgumentException.class, () -> PrivateKeys.parse("hunter2-not-a-key", null));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
}
