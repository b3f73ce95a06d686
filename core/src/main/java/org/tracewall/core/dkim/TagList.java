package org.tracewall.core.dkim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An RFC 6376 section 3.2 tag list ({@code v=1; a=rsa-sha256; d=example.com}), the syntax of
 * DKIM-Signature fields, DKIM key records and DMARC records alike. White space around tags and
 * values is dropped (folding included); a repeated tag or a tag without "=" makes the whole list
 * invalid, as the RFC says.
 */
public final class TagList {
    private final Map<String, String> tags;

    private TagList(Map<String, String> tags) {
        this.tags = Collections.unmodifiableMap(tags);
    }

    /** @throws IllegalArgumentException naming what is wrong */
    public static TagList parse(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        String[] specs = text.split(";", -1);
        for (int i = 0; i < specs.length; i++) {
            String spec = specs[i].trim();
            if (spec.isEmpty()) {
                // An empty last spec is the optional trailing ";"; an empty one inside is tolerated too.
                continue;
            }
            int equals = spec.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("tag without '=': " + abbreviated(spec));
            }
            String name = spec.substring(0, equals).trim();
            if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("invalid tag name: " + abbreviated(name));
            }
            if (tags.put(name, spec.substring(equals + 1).trim()) != null) {
                throw new IllegalArgumentException("tag " + name + " appears twice");
            }
        }
        return new TagList(tags);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(tags.get(name));
    }

    /** @throws IllegalArgumentException when the tag is missing */
    public String required(String name) {
        String value = tags.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing tag " + name + "=");
        }
        return value;
    }

    /** The tag names, in order. */
    public Iterable<String> names() {
        return tags.keySet();
    }

    /** A value with every white space character removed (base64 values may be folded anywhere). */
    public static String withoutWhiteSpace(String value) {
        return value.replaceAll("[ \t\r\n]", "");
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
