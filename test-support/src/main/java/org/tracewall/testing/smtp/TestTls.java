package org.tracewall.testing.smtp;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for test clients against a test server's self-signed certificate: every certificate is
 * accepted. The tests check what happens after TLS (AUTH allowed or not), not the certificate.
 */
public final class TestTls {
    private TestTls() {
    }

    /** An SSL context that trusts any server certificate (test servers only). */
    public static SSLContext trustingEveryone() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Layers a TLS client handshake over a connected socket. */
    static Socket wrap(Socket plain) throws IOException {
        SSLSocket tls = (SSLSocket) trustingEveryone().getSocketFactory()
            .createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        tls.setSoTimeout(plain.getSoTimeout());
        return tls;
    }
}
