package org.tracewall.core.dkim;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;

import org.apache.james.jdkim.DKIMSigner;
import org.tracewall.core.dns.DnsConfig;
import org.tracewall.core.dns.DnsJavaResolver;
import org.tracewall.testing.dns.DnsZone;
import org.tracewall.testing.dns.LoopbackDnsServer;

/** The dkimpy vectors (src/test/resources/dkim, see its SOURCE.md), and an independent RSA signer (jDKIM's). */
final class DkimVectors {
    private DkimVectors() {
    }

    /** A vector file as SMTP carries it: CRLF line ends (the files use LF). */
    static byte[] message(String name) {
        String text = new String(resource(name), StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n");
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(String name) {
        return new String(resource(name), StandardCharsets.US_ASCII).trim();
    }

    static byte[] resource(String name) {
        try (InputStream in = DkimVectors.class.getResourceAsStream("/dkim/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no vector " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A key record, in character-strings of at most 255 bytes as DNS needs them. */
    static void publish(DnsZone zone, String name, String record) {
        zone.longTxt(name, record);
    }

    static DnsJavaResolver resolver(LoopbackDnsServer dns) {
        return DnsJavaResolver.create(DnsConfig.builder().server(dns.address()).timeout(Duration.ofMillis(300)).retries(0)
            .deadline(Duration.ofMillis(600)).build());
    }

    /** The message with a DKIM-Signature field on top, signed by jDKIM (RSA) with a PEM key file of the vectors. */
    static byte[] signWithJdkim(byte[] message, String template, String pemKey) throws Exception {
        DKIMSigner signer = new DKIMSigner(template, privateKey(pemKey));
        String field = signer.sign(new ByteArrayInputStream(message));
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        signed.write(field.getBytes(StandardCharsets.ISO_8859_1));
        signed.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        signed.write(message);
        return signed.toByteArray();
    }

    /** PKCS#8 as is, PKCS#1 ("RSA PRIVATE KEY") wrapped into PKCS#8. */
    static PrivateKey privateKey(String pemFile) throws Exception {
        String pem = text(pemFile);
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        if (pem.contains("RSA PRIVATE KEY")) {
            byte[] algorithm = {0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d,
                0x01, 0x01, 0x01, 0x05, 0x00};
            byte[] octets = concat(new byte[] {0x04}, length(der.length), der);
            byte[] content = concat(algorithm, octets);
            der = concat(new byte[] {0x30}, length(content.length), content);
        }
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static byte[] length(int length) {
        return length < 0x80 ? new byte[] {(byte) length} : new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.write(part, 0, part.length);
        }
        return all.toByteArray();
    }
}
