package org.tracewall.james;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.LongAdder;

import javax.mail.MessagingException;
import javax.mail.Part;

/** The first bytes of a message or part as written on the wire, bounded so that a 50 MB attachment costs 4 MB. */
public final class MessageBytes {
    public static final int LIMIT = 4 * 1024 * 1024;
    /** Every serialisation in this JVM: a message must cost one per phase, and tests count them. */
    private static final LongAdder SERIALISATIONS = new LongAdder();

    private MessageBytes() {
    }

    public static byte[] of(Part part) throws MessagingException {
        SERIALISATIONS.increment();
        Bounded out = new Bounded(LIMIT);
        try {
            part.writeTo(out);
        } catch (Full full) {
            // enough read
        } catch (IOException e) {
            throw new MessagingException("Cannot read the message", e);
        }
        return out.bytes.toByteArray();
    }

    /** Whether {@code bytes} (from {@link #of}) are the whole part rather than its first {@link #LIMIT} bytes. */
    public static boolean isWhole(byte[] bytes) {
        return bytes.length < LIMIT;
    }

    /** How many parts this JVM has serialised through here, for the one-pass tests and diagnostics. */
    public static long serialisations() {
        return SERIALISATIONS.sum();
    }

    private static final class Full extends IOException {
        private static final long serialVersionUID = 1L;

        Full() {
            super("limit reached", null);
        }
    }

    private static final class Bounded extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int limit;

        Bounded(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            if (bytes.size() >= limit) {
                throw new Full();
            }
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int room = limit - bytes.size();
            bytes.write(b, off, Math.min(room, len));
            if (len > room) {
                throw new Full();
            }
        }
    }
}
