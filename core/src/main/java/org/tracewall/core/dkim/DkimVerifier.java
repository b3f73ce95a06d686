package org.tracewall.core.dkim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.tracewall.core.dns.DnsAnswer;
import org.tracewall.core.dns.DnsResolver;

/**
 * Verifies every DKIM signature of a message (RFC 6376 section 6, rsa-sha256 and RFC 8463
 * ed25519-sha256), fetching keys through Tracewall's {@link DnsResolver}: a key that cannot be
 * fetched now is a temperror, never a fail. At most {@link #MAX_SIGNATURES} signatures are
 * checked (top first), so a message with hundreds cannot make the server fetch hundreds of keys.
 */
public final class DkimVerifier {
    public static final int MAX_SIGNATURES = 5;

    private final DnsResolver dns;
    private final LongSupplier clock;

    /** @param clock epoch milliseconds, for x= */
    public DkimVerifier(DnsResolver dns, LongSupplier clock) {
        this.dns = dns;
        this.clock = clock;
    }

    /** One result per signature, top to bottom; empty when the message is not signed. */
    public List<DkimResult> verify(byte[] message) {
        return verify(RawMessage.parse(message));
    }

    public List<DkimResult> verify(RawMessage message) {
        List<DkimResult> results = new ArrayList<>();
        Map<Canonicalization, byte[]> bodies = new EnumMap<>(Canonicalization.class);
        for (HeaderField field : message.fields("DKIM-Signature")) {
            if (results.size() == MAX_SIGNATURES) {
                break;
            }
            results.add(verifyOne(message, field, bodies));
        }
        return results;
    }

    private DkimResult verifyOne(RawMessage message, HeaderField field, Map<Canonicalization, byte[]> bodies) {
        DkimSignature signature;
        try {
            signature = DkimSignature.parse(field);
        } catch (IllegalArgumentException e) {
            return unparsable(field, e.getMessage());
        }
        if (signature.algorithm() == DkimAlgorithm.RSA_SHA1) {
            return DkimResult.of(DkimResult.Status.PERMERROR, signature, "rsa-sha1 is not accepted (RFC 8301)", false);
        }
        if (signature.expires().isPresent() && signature.expires().getAsLong() < clock.getAsLong() / 1000) {
            return DkimResult.of(DkimResult.Status.FAIL, signature, "signature expired", false);
        }
        byte[] body = bodies.computeIfAbsent(signature.bodyCanonicalization(), c -> c.body(message.bytes(), message.bodyStart()));
        if (signature.bodyLength().isPresent() && signature.bodyLength().getAsLong() > body.length) {
            return DkimResult.of(DkimResult.Status.FAIL, signature, "l= longer than the body", false);
        }
        MessageDigest bodyDigest = signature.algorithm().digest();
        bodyDigest.update(body, 0, (int) Math.min(body.length, signature.bodyLength().orElse(body.length)));
        if (!MessageDigest.isEqual(bodyDigest.digest(), signature.bodyHash())) {
            return DkimResult.of(DkimResult.Status.FAIL, signature, "body hash mismatch", false);
        }
        return verifyWithKey(message, signature);
    }

    private DkimResult verifyWithKey(RawMessage message, DkimSignature signature) {
        DnsAnswer<String> answer = dns.txt(signature.keyName());
        if (answer.isTemporaryFailure()) {
            return DkimResult.of(DkimResult.Status.TEMPERROR, signature, "key lookup failed: " + answer.reason(), false);
        }
        if (!answer.isOk()) {
            return DkimResult.of(DkimResult.Status.PERMERROR, signature, "no key at " + signature.keyName(), false);
        }
        DkimKey key;
        try {
            key = DkimKey.parse(answer.records().get(0));
        } catch (IllegalArgumentException e) {
            return DkimResult.of(DkimResult.Status.PERMERROR, signature, "bad key record: " + e.getMessage(), false);
        }
        String refusal = key.refusal(signature);
        if (refusal != null) {
            return DkimResult.of(DkimResult.Status.PERMERROR, signature, refusal, key.testing());
        }
        try {
            boolean valid = signature.algorithm().verify(key.publicKey(), signedData(message, signature), signature.signature());
            return valid ? DkimResult.of(DkimResult.Status.PASS, signature, "signature verified", key.testing())
                : DkimResult.of(DkimResult.Status.FAIL, signature, "signature did not verify", key.testing());
        } catch (GeneralSecurityException e) {
            return DkimResult.of(DkimResult.Status.PERMERROR, signature, "unusable key: " + e.getMessage(), key.testing());
        }
    }

    /**
     * The signed header fields in h= order, each the bottom-most instance not used yet (a name
     * listed more often than it occurs signs "nothing" for the extra ones, which is how signers
     * forbid adding a field), then this signature's own field without its b= value.
     */
    static byte[] signedData(RawMessage message, DkimSignature signature) {
        Map<String, Integer> used = new HashMap<>();
        StringBuilder data = new StringBuilder();
        for (String name : signature.signedHeaders()) {
            List<HeaderField> instances = message.fields(name);
            int next = instances.size() - 1 - used.getOrDefault(name, 0);
            if (next >= 0) {
                data.append(signature.headerCanonicalization().header(instances.get(next).raw()));
                used.merge(name, 1, Integer::sum);
            }
        }
        String own = signature.headerCanonicalization().header(signature.withoutSignatureValue() + "\r\n");
        data.append(own, 0, own.length() - 2);
        return data.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static DkimResult unparsable(HeaderField field, String reason) {
        Optional<TagList> tags;
        try {
            tags = Optional.of(TagList.parse(field.value()));
        } catch (IllegalArgumentException e) {
            tags = Optional.empty();
        }
        String domain = tags.flatMap(t -> t.get("d")).map(TagList::withoutWhiteSpace).orElse("");
        String selector = tags.flatMap(t -> t.get("s")).map(TagList::withoutWhiteSpace).orElse("");
        return DkimResult.unparsable(domain.toLowerCase(java.util.Locale.ROOT), selector, reason);
    }
}
