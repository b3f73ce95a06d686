package org.tracewall.core.dkim;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** A DKIM key record (RFC 6376 section 3.6.1) as published at selector._domainkey.domain. */
public final class DkimKey {
    private final String keyType;
    private final byte[] publicKey;
    private final List<String> hashes;
    private final List<String> services;
    private final List<String> flags;

    private DkimKey(TagList tags) {
        if (tags.get("v").isPresent() && !tags.get("v").get().equals("DKIM1")) {
            throw new IllegalArgumentException("key record version v=" + tags.get("v").get() + ", not DKIM1");
        }
        this.keyType = tags.get("k").orElse("rsa").toLowerCase(Locale.ROOT);
        String p = TagList.withoutWhiteSpace(tags.required("p"));
        try {
            this.publicKey = Base64.getDecoder().decode(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key p= is not base64", e);
        }
        this.hashes = list(tags.get("h").orElse("*"));
        this.services = list(tags.get("s").orElse("*"));
        this.flags = list(tags.get("t").orElse(""));
    }

    /** @throws IllegalArgumentException naming what makes the record unusable */
    public static DkimKey parse(String record) {
        return new DkimKey(TagList.parse(record));
    }

    private static List<String> list(String value) {
        return Arrays.asList(value.toLowerCase(Locale.ROOT).replaceAll("[ \t\r\n]", "").split(":"));
    }

    /**
     * Whether this key may verify a signature of that algorithm for that identity; when not, the
     * reason, else null.
     */
    String refusal(DkimSignature signature) {
        if (publicKey.length == 0) {
            return "key revoked (empty p=)";
        }
        if (!keyType.equals(signature.algorithm().keyType())) {
            return "key type k=" + keyType + " does not verify " + signature.algorithm().tag();
        }
        if (!hashes.contains("*") && !hashes.contains(signature.algorithm().hashName())) {
            return "key allows only h=" + String.join(":", hashes);
        }
        if (!services.contains("*") && !services.contains("email")) {
            return "key is not for email (s=" + String.join(":", services) + ")";
        }
        if (flags.contains("s") && !identityDomain(signature).equals(signature.domain())) {
            return "key has t=s and i= is a subdomain of d=";
        }
        return null;
    }

    private static String identityDomain(DkimSignature signature) {
        return signature.identity().substring(signature.identity().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    byte[] publicKey() {
        return publicKey.clone();
    }

    /** t=y: the domain is testing DKIM; verifiers must not treat its results differently from unsigned mail. */
    public boolean testing() {
        return flags.contains("y");
    }
}
