package org.tracewall.reputation.text;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.tracewall.core.config.ConfigValues;

/**
 * The {@code attachments.*} keys of tracewall.properties: whether attached documents are read.
 *
 * <pre>
 * attachments.tika.url=http://127.0.0.1:9998/   # an Apache Tika server; unset: attachments are only named
 * attachments.tika.timeout=10s                  # per document, the whole exchange
 * </pre>
 */
public final class AttachmentConfig {
    private static final Set<String> KEYS = Set.of("attachments.tika.url", "attachments.tika.timeout");

    private AttachmentConfig() {
    }

    /**
     * @throws IllegalArgumentException naming the bad or unknown key
     */
    public static AttachmentReader reader(Map<String, String> p) {
        for (String key : p.keySet()) {
            if (key.startsWith("attachments.") && !KEYS.contains(key)) {
                throw new IllegalArgumentException("Unknown key '" + key + "' (known: " + String.join(", ", KEYS) + ")");
            }
        }
        Duration timeout = ConfigValues.duration("attachments.tika.timeout", p.getOrDefault("attachments.tika.timeout", "10s"));
        String url = p.getOrDefault("attachments.tika.url", "").trim();
        if (url.isEmpty()) {
            return AttachmentReader.NONE;
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ConfigValues.bad("attachments.tika.url", url, "an http:// or https:// URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw ConfigValues.bad("attachments.tika.url", url, "an http:// or https:// URL");
        }
        return new TikaAttachmentReader(uri, timeout);
    }
}
