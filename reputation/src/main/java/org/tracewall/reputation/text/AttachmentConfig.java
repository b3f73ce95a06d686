package org.tracewall.reputation.text;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.tracewall.core.config.ConfigValues;
import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.config.OptionValues;

/**
 * The {@code attachments.*} keys of tracewall.properties: whether attached documents are read.
 *
 * <pre>
 * attachments.tika.url=http://127.0.0.1:9998/   # an Apache Tika server; unset: attachments are only named
 * attachments.tika.timeout=10s                  # per document, the whole exchange
 * </pre>
 */
public final class AttachmentConfig {
    public static final Option<URI> TIKA_URL = Option.<URI>of("attachments.tika.url", "http:// or https:// URL",
        AttachmentConfig::url, null, "an Apache Tika server that reads attached documents' text").defaultReads("unset: attachments only named");
    public static final Option<Duration> TIKA_TIMEOUT = Option.positiveDuration("attachments.tika.timeout", Duration.ofSeconds(10),
        "per document, the whole exchange with Tika");
    public static final OptionSection OPTIONS = OptionSection.of("attachments.", "Attachments' text", TIKA_URL, TIKA_TIMEOUT);

    private AttachmentConfig() {
    }

    /**
     * @throws IllegalArgumentException naming the bad or unknown key
     */
    public static AttachmentReader reader(Map<String, String> p) {
        OptionValues values = OPTIONS.read(p);
        return values.find(TIKA_URL).<AttachmentReader>map(uri -> new TikaAttachmentReader(uri, values.get(TIKA_TIMEOUT)))
            .orElse(AttachmentReader.NONE);
    }

    private static URI url(String key, String value) {
        try {
            URI uri = URI.create(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ConfigValues.bad(key, value, "an http:// or https:// URL");
    }
}
