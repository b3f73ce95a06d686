package org.tracewall.reputation.text;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Documents' text by the documents' SHA-256, least recently used first out, bounded both in
 * entries and in characters kept. Thread-safe.
 */
final class TextCache {
    private final int maxEntries;
    private final long maxChars;
    private final LinkedHashMap<String, Optional<String>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long chars;

    TextCache(int maxEntries, long maxChars) {
        this.maxEntries = maxEntries;
        this.maxChars = maxChars;
    }

    /** The cached answer, or null when there is none. */
    synchronized Optional<String> get(String digest) {
        return entries.get(digest);
    }

    synchronized void put(String digest, Optional<String> text) {
        Optional<String> old = entries.put(digest, text);
        chars += size(text) - (old == null ? 0 : size(old));
        Iterator<Map.Entry<String, Optional<String>>> eldest = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || chars > maxChars) && eldest.hasNext()) {
            chars -= size(eldest.next().getValue());
            eldest.remove();
        }
    }

    synchronized int size() {
        return entries.size();
    }

    static String digest(byte[] content) {
        try {
            return new BigInteger(1, MessageDigest.getInstance("SHA-256").digest(content)).toString(16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static long size(Optional<String> text) {
        return text.map(String::length).orElse(0);
    }
}
