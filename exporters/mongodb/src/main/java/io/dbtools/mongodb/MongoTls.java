package io.dbtools.mongodb;

import com.mongodb.MongoClientSettings;
import io.dbtools.plugin.ConnectException;
import io.dbtools.plugin.FailureKind;
import io.dbtools.plugin.Target;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Target TLS settings for the driver. MongoDB has no opportunistic TLS, so {@code prefer} means
 * plain like {@code disable}; {@code require} and {@code verify-ca} encrypt without checking the host
 * name; {@code verify-full} checks it. A CA file replaces the JVM's trust store; a client certificate
 * and PKCS#8 key (for MONGODB-X509) may be given as PEM files.
 */
final class MongoTls {

    private MongoTls() {}

    static void apply(Target target, MongoClientSettings.Builder builder) throws ConnectException {
        Target.Tls tls = target.tls();
        String mode = tls == null || tls.mode() == null ? "disable" : tls.mode();
        if (mode.equals("disable") || mode.equals("prefer")) {
            builder.applyToSslSettings(s -> s.enabled(false));
            return;
        }
        if (!mode.equals("require") && !mode.equals("verify-ca") && !mode.equals("verify-full")) {
            throw new ConnectException(FailureKind.CONFIGURATION,
                    "tls mode '" + mode + "' is not one of disable, prefer, require, verify-ca, verify-full", null);
        }
        SSLContext context = context(tls, mode.equals("require") && tls.trustServerCertificate());
        boolean checkHost = mode.equals("verify-full");
        builder.applyToSslSettings(s -> {
            s.enabled(true).invalidHostNameAllowed(!checkHost);
            if (context != null) s.context(context);
        });
    }

    private static SSLContext context(Target.Tls tls, boolean trustAny) throws ConnectException {
        if (!trustAny && tls.caFile() == null && tls.certFile() == null) return null;
        try {
            TrustManager[] trust = null;
            if (trustAny) {
                trust = new TrustManager[] {new TrustAnyServer()};
            } else if (tls.caFile() != null) {
                KeyStore store = emptyStore();
                int i = 0;
                for (Certificate c : certificates(tls.caFile())) store.setCertificateEntry("ca" + i++, c);
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                trust = tmf.getTrustManagers();
            }
            javax.net.ssl.KeyManager[] keys = null;
            if (tls.certFile() != null) {
                if (tls.keyFile() == null) {
                    throw new ConnectException(FailureKind.CONFIGURATION, "tls: cert_file is given without key_file", null);
                }
                KeyStore store = emptyStore();
                store.setKeyEntry("client", privateKey(tls.keyFile()), new char[0],
                        certificates(tls.certFile()).toArray(Certificate[]::new));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(store, new char[0]);
                keys = kmf.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new ConnectException(FailureKind.CONFIGURATION, "tls files: " + e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        return store;
    }

    private static Collection<? extends Certificate> certificates(String file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
    }

    /** An unencrypted PKCS#8 PEM key ({@code BEGIN PRIVATE KEY}), RSA or EC. */
    private static PrivateKey privateKey(String file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(Path.of(file));
        int start = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (start < 0 || end < 0) {
            throw new GeneralSecurityException("key_file " + file + " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(start + 27, end));
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        }
    }

    /** Encrypts without verifying the server: what {@code trust_server_certificate} asks for. */
    private static final class TrustAnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
