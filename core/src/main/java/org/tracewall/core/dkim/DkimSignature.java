package org.tracewall.core.dkim;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * One DKIM-Signature field, parsed and checked for what RFC 6376 section 6.1.1 requires before
 * any key is fetched: v=1, the required tags, From among the signed fields, i= within d=.
 */
public final class DkimSignature {
    private final HeaderField field;
    private final DkimAlgorithm algorithm;
    private final byte[] signature;
    private final byte[] bodyHash;
    private final Canonicalization headerCanonicalization;
    private final Canonicalization bodyCanonicalization;
    private final String domain;
    private final String selector;
    private final String identity;
    private final List<String> signedHeaders;
    private final OptionalLong bodyLength;
    private final OptionalLong expires;

    private DkimSignature(HeaderField field, TagList tags) {
        this.field = field;
        if (!tags.required("v").equals("1")) {
            throw new IllegalArgumentException("version v=" + tags.required("v") + ", not 1");
        }
        this.algorithm = DkimAlgorithm.parse(tags.required("a"));
        this.signature = base64("b", tags.required("b"));
        this.bodyHash = base64("bh", tags.required("bh"));
        String[] canonicalization = tags.get("c").orElse("simple/simple").split("/", -1);
        if (canonicalization.length > 2) {
            throw new IllegalArgumentException("invalid c=" + tags.get("c").orElse(""));
        }
        this.headerCanonicalization = Canonicalization.parse(canonicalization[0]);
        this.bodyCanonicalization = canonicalization.length == 2 ? Canonicalization.parse(canonicalization[1]) : Canonicalization.SIMPLE;
        this.domain = domainName(tags.required("d"));
        this.selector = TagList.withoutWhiteSpace(tags.required("s")).toLowerCase(Locale.ROOT);
        this.identity = tags.get("i").map(TagList::withoutWhiteSpace).orElse("@" + domain);
        this.signedHeaders = headerNames(tags.required("h"));
        this.bodyLength = number(tags, "l");
        this.expires = number(tags, "x");
        tags.get("q").ifPresent(DkimSignature::checkQueryMethod);
        checkIdentity();
    }

    /** @throws IllegalArgumentException naming the first problem (a permanent error of this signature) */
    public static DkimSignature parse(HeaderField field) {
        return new DkimSignature(field, TagList.parse(field.value()));
    }

    private static byte[] base64(String tag, String value) {
        try {
            return Base64.getDecoder().decode(TagList.withoutWhiteSpace(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(tag + "= is not base64", e);
        }
    }

    private static String domainName(String value) {
        String domain = TagList.withoutWhiteSpace(value).toLowerCase(Locale.ROOT);
        if (!domain.matches("[a-z0-9_](?:[a-z0-9_.-]*[a-z0-9])?") || domain.contains("..") || !domain.contains(".")) {
            throw new IllegalArgumentException("invalid d=" + value);
        }
        return domain;
    }

    private static List<String> headerNames(String value) {
        List<String> names = new ArrayList<>();
        for (String name : value.split(":")) {
            names.add(name.trim().toLowerCase(Locale.ROOT));
        }
        if (!names.contains("from")) {
            throw new IllegalArgumentException("h= does not sign From");
        }
        return Collections.unmodifiableList(names);
    }

    private static OptionalLong number(TagList tags, String name) {
        if (tags.get(name).isEmpty()) {
            return OptionalLong.empty();
        }
        String value = TagList.withoutWhiteSpace(tags.get(name).get());
        if (!value.matches("[0-9]{1,76}")) {
            throw new IllegalArgumentException("invalid " + name + "=" + value);
        }
        return OptionalLong.of(value.length() > 18 ? Long.MAX_VALUE : Long.parseLong(value));
    }

    private static void checkQueryMethod(String q) {
        for (String method : q.split(":")) {
            if (method.trim().equalsIgnoreCase("dns/txt") || method.trim().equalsIgnoreCase("dns")) {
                return;
            }
        }
        throw new IllegalArgumentException("no query method Tracewall knows in q=" + q);
    }

    /** i= must be in d= or a subdomain of it; "legitimate.com(.attacker.com" is neither. */
    private void checkIdentity() {
        int at = identity.lastIndexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("i= has no @: " + identity);
        }
        String identityDomain = identity.substring(at + 1).toLowerCase(Locale.ROOT);
        if (!identityDomain.equals(domain) && !identityDomain.endsWith("." + domain)) {
            throw new IllegalArgumentException("i=" + identity + " is not within d=" + domain);
        }
    }

    /** The field as signed: the b= value deleted, everything else as received, no final CRLF. */
    String withoutSignatureValue() {
        String raw = field.raw().endsWith("\r\n") ? field.raw().substring(0, field.raw().length() - 2) : field.raw();
        int colon = raw.indexOf(':');
        StringBuilder result = new StringBuilder(raw.substring(0, colon + 1));
        String[] specs = raw.substring(colon + 1).split(";", -1);
        for (int i = 0; i < specs.length; i++) {
            String spec = specs[i];
            int equals = spec.indexOf('=');
            if (equals > 0 && spec.substring(0, equals).trim().equals("b")) {
                spec = spec.substring(0, equals + 1);
            }
            result.append(i == 0 ? "" : ";").append(spec);
        }
        return result.toString();
    }

    public HeaderField field() {
        return field;
    }

    public DkimAlgorithm algorithm() {
        return algorithm;
    }

    byte[] signature() {
        return signature.clone();
    }

    byte[] bodyHash() {
        return bodyHash.clone();
    }

    public Canonicalization headerCanonicalization() {
        return headerCanonicalization;
    }

    public Canonicalization bodyCanonicalization() {
        return bodyCanonicalization;
    }

    /** d=, lower case: the domain that takes responsibility. */
    public String domain() {
        return domain;
    }

    public String selector() {
        return selector;
    }

    /** i=, or "@" + d= when absent. */
    public String identity() {
        return identity;
    }

    /** h=, lower case, in order (a name may repeat). */
    public List<String> signedHeaders() {
        return signedHeaders;
    }

    public OptionalLong bodyLength() {
        return bodyLength;
    }

    /** x=, seconds since the epoch. */
    public OptionalLong expires() {
        return expires;
    }

    /** The key's DNS name: selector._domainkey.domain. */
    public String keyName() {
        return selector + "._domainkey." + domain;
    }
}
