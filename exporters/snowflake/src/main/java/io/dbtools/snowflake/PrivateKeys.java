package io.dbtools.snowflake;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads the PKCS#8 PEM key Snowflake key-pair auth uses ({@code openssl genrsa 2048 | openssl pkcs8 -topk8 ...}),
 * plain ({@code BEGIN PRIVATE KEY}) or encrypted ({@code BEGIN ENCRYPTED PRIVATE KEY}, needs the passphrase).
 * Errors say what is wrong with the key, never echo it.
 */
public final class PrivateKeys {

    private static final String PLAIN = "PRIVATE KEY";
    private static final String ENCRYPTED = "ENCRYPTED PRIVATE KEY";

    private PrivateKeys() {}

    public static PrivateKey parse(String pem, char[] passphrase) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("privateKey: the key is empty");
        }
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException("privateKey: PKCS#1 key given; convert it with "
                    + "'openssl pkcs8 -topk8 -inform PEM -in key.pem -nocrypt' (Snowflake wants PKCS#8)");
        }
        try {
            if (pem.contains("BEGIN " + ENCRYPTED)) {
                if (passphrase == null || passphrase.length == 0) {
                    throw new IllegalArgumentException("privateKey: the key is encrypted; set option private_key_passphrase");
                }
                return decrypt(der(pem, ENCRYPTED), passphrase);
            }
            if (pem.contains("BEGIN " + PLAIN)) {
                return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem, PLAIN)));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("privateKey: cannot read the PKCS#8 key ("
                    + e.getClass().getSimpleName() + "; wrong passphrase or not an RSA key?)");
        }
        throw new IllegalArgumentException("privateKey: no '-----BEGIN PRIVATE KEY-----' or "
                + "'-----BEGIN ENCRYPTED PRIVATE KEY-----' block found");
    }

    private static PrivateKey decrypt(byte[] der, char[] passphrase) throws GeneralSecurityException {
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            // For PBES2 (openssl's default) the parameters name the real cipher, e.g. PBEWithHmacSHA256AndAES_256.
            String algorithm = info.getAlgParameters() != null ? info.getAlgParameters().toString() : info.getAlgName();
            var key = SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(passphrase));
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, key, info.getAlgParameters());
            return KeyFactory.getInstance("RSA").generatePrivate(info.getKeySpec(cipher));
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("not an encrypted PKCS#8 structure", e);
        }
    }

    private static byte[] der(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end, from);
        if (from < 0 || to < 0) {
            throw new IllegalArgumentException("privateKey: the " + label + " block is not closed");
        }
        String body = pem.substring(from + begin.length(), to).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("privateKey: the " + label + " block is not valid base64");
        }
    }
}
