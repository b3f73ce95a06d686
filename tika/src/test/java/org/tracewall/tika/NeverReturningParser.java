package org.tracewall.tika;

import java.io.InputStream;
import java.util.Set;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.xml.sax.ContentHandler;

/**
 * A stand-in for a parser caught in a loop on a hostile document: it ignores interrupts and does
 * not return (for ten minutes, so that a leftover process ends on its own). Registered for the
 * tests through META-INF/services, for its own media type only.
 */
public final class NeverReturningParser implements Parser {
    static final MediaType STUCK = MediaType.application("x-tracewall-stuck");
    private static final long serialVersionUID = 1L;

    @Override
    public Set<MediaType> getSupportedTypes(ParseContext context) {
        return Set.of(STUCK);
    }

    @Override
    public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context) {
        long end = System.nanoTime() + 600_000_000_000L;
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                // what a spinning parser does with an interrupt: nothing
            }
        }
    }
}
