package org.tracewall.core.dkim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A message's header fields as they arrived and where its body starts: what DKIM signs. The
 * message is taken as SMTP delivers it (CRLF line ends); a header section without an empty line
 * is all header.
 */
public final class RawMessage {
    private final byte[] bytes;
    private final List<HeaderField> fields;
    private final int bodyStart;

    private RawMessage(byte[] bytes, List<HeaderField> fields, int bodyStart) {
        this.bytes = bytes;
        this.fields = Collections.unmodifiableList(fields);
        this.bodyStart = bodyStart;
    }

    public static RawMessage parse(byte[] message) {
        List<HeaderField> fields = new ArrayList<>();
        int position = 0;
        StringBuilder field = null;
        while (position < message.length) {
            int end = lineEnd(message, position);
            String line = new String(message, position, end - position, StandardCharsets.ISO_8859_1);
            if (line.equals("\r\n") || line.equals("\n")) {
                position = end;
                break;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && field != null) {
                field.append(line);
            } else {
                add(fields, field);
                field = new StringBuilder(line);
            }
            position = end;
        }
        add(fields, field);
        return new RawMessage(message, fields, position);
    }

    private static int lineEnd(byte[] message, int from) {
        for (int i = from; i < message.length; i++) {
            if (message[i] == '\n') {
                return i + 1;
            }
        }
        return message.length;
    }

    private static void add(List<HeaderField> fields, StringBuilder field) {
        if (field == null) {
            return;
        }
        String raw = field.toString();
        int colon = raw.indexOf(':');
        if (colon > 0) {
            fields.add(new HeaderField(raw.substring(0, colon).trim(), raw));
        }
    }

    public List<HeaderField> fields() {
        return fields;
    }

    /** The fields of that name (case-insensitive), top to bottom. */
    public List<HeaderField> fields(String name) {
        List<HeaderField> matching = new ArrayList<>();
        for (HeaderField field : fields) {
            if (field.name().equalsIgnoreCase(name)) {
                matching.add(field);
            }
        }
        return matching;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int bodyStart() {
        return bodyStart;
    }
}
