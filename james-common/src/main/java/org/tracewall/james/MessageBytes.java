package org.tracewall.james;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import javax.mail.MessagingException;
import javax.mail.Part;

/** The first bytes of a message or part as written on the wire, bounded so that a 50 MB attachment costs 4 MB. */
public final class MessageBytes {
    public static final int LIMIT = 4 * 1024 * 1024;

    private MessageBytes() {
    }

    public static byte[] of(Part part) throws MessagingException {
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
