package org.tracewall.reputation.text;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

/**
 * Reads a raw message (RFC 5322 bytes, an mbox "From " line tolerated) into {@link MessageText}.
 * Everything is bounded so that hostile input gets a verdict, not a crash or a hang: the first
 * {@value #MAX_MESSAGE_BYTES} bytes are read, each text part contributes at most
 * {@value #MAX_PART_BYTES} bytes, at most {@value #MAX_PARTS} parts {@value #MAX_DEPTH} levels deep.
 * Attachments are named; with an {@link AttachmentReader}, at most {@value #MAX_ATTACHMENTS_READ}
 * documents of at most {@value #MAX_ATTACHMENT_BYTES} bytes each are read too, and at most
 * {@value #MAX_ATTACHMENT_CHARS} characters of each one's text join the body. Broken parts contribute nothing.
 */
public final class MessageTextExtractor {
    static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    static final int MAX_PART_BYTES = 512 * 1024;
    static final int MAX_PARTS = 200;
    static final int MAX_DEPTH = 12;
    static final int MAX_ATTACHMENTS_READ = 3;
    static final int MAX_ATTACHMENT_BYTES = MAX_MESSAGE_BYTES;
    static final int MAX_ATTACHMENT_CHARS = 100_000;
    private static final Pattern RECEIVED_FROM = Pattern.compile("(?i)from\\s+([a-z0-9.-]+\\.[a-z]{2,})");
    private static final Pattern SCRIPT = Pattern.compile("(?is)<(script|style)[^>]*>.*?</\\1>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]{0,2000}>");
    private static final Session SESSION = Session.getInstance(new Properties());
    /** Every extraction in this JVM: a message must cost one per phase, and tests count them. */
    private static final LongAdder EXTRACTIONS = new LongAdder();

    private MessageTextExtractor() {
    }

    public static MessageText extract(InputStream raw) throws IOException {
        return extract(raw.readNBytes(MAX_MESSAGE_BYTES));
    }

    public static MessageText extract(byte[] raw) {
        return extract(raw, AttachmentReader.NONE);
    }

    /** As {@link #extract(byte[])}, and documents attached are read with {@code attachments}. */
    public static MessageText extract(byte[] raw, AttachmentReader attachments) {
        byte[] bytes = skipMboxLine(raw);
        MimeMessage message;
        try {
            message = new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
        } catch (MessagingException | RuntimeException e) {
            EXTRACTIONS.increment();
            return unparseable(bytes);
        }
        return extract(message, attachments, () -> bytes);
    }

    /** The text of a message already parsed (whose headers other checks read too), attachments read with {@code attachments}. */
    public static MessageText extract(MimeMessage message, AttachmentReader attachments) {
        return extract(message, attachments, () -> serialised(message));
    }

    private static MessageText extract(MimeMessage message, AttachmentReader attachments, Supplier<byte[]> raw) {
        EXTRACTIONS.increment();
        try {
            Walk walk = new Walk(attachments);
            walk.part(message, 0);
            String text = walk.body.toString();
            List<String> structure = walk.structure;
            return new MessageText(header(message, "Subject"), header(message, "From"), text, UrlHosts.of(text),
                structure, received(message));
        } catch (MessagingException | RuntimeException e) {
            // Unparseable as MIME: classify the bytes as text.
            return unparseable(raw.get());
        }
    }

    private static byte[] serialised(MimeMessage message) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            message.writeTo(bytes);
            return bytes.toByteArray();
        } catch (IOException | MessagingException | RuntimeException e) {
            return new byte[0];
        }
    }

    /** A message that is not MIME: its bytes are classified as text. */
    private static MessageText unparseable(byte[] bytes) {
        String text = CharsetDecoding.guess(bytes).text();
        return new MessageText("", "", text, UrlHosts.of(text), List.of("unparseable"), List.of());
    }

    /** A message parsed for the extractor, as it parses one: the first line of an mbox entry skipped. */
    public static MimeMessage parse(byte[] raw) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(skipMboxLine(raw)));
    }

    /** How many messages this JVM has read into text, for the one-parse-per-phase tests and diagnostics. */
    public static long extractions() {
        return EXTRACTIONS.sum();
    }

    /** One pass over the parts: the text found, the structure seen, and what is left of the budgets. */
    private static final class Walk {
        final AttachmentReader attachments;
        final StringBuilder body = new StringBuilder();
        final List<String> structure = new ArrayList<>();
        int parts;
        int attachmentsRead;

        Walk(AttachmentReader attachments) {
            this.attachments = attachments;
        }

        void part(Part part, int depth) {
            if (depth > MAX_DEPTH || parts++ >= MAX_PARTS) {
                structure.add("too-deep");
                return;
            }
            try {
                String type = baseType(part);
                if (type.startsWith("multipart/")) {
                    structure.add(type);
                    Object content = part.getContent();
                    if (content instanceof Multipart) {
                        Multipart multipart = (Multipart) content;
                        for (int i = 0; i < multipart.getCount() && parts < MAX_PARTS; i++) {
                            part(multipart.getBodyPart(i), depth + 1);
                        }
                    }
                } else if (type.equals("message/rfc822")) {
                    structure.add(type);
                    Object content = part.getContent();
                    if (content instanceof Part) {
                        part((Part) content, depth + 1);
                    }
                } else if (type.startsWith("text/") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                    text(part, type, body, structure);
                } else {
                    attachment(part, type);
                }
            } catch (MessagingException | IOException | RuntimeException e) {
                structure.add("broken-part");
            }
        }

        private void attachment(Part part, String type) throws MessagingException, IOException {
            structure.add(type);
            String name = fileName(part);
            int dot = name.lastIndexOf('.');
            if (dot >= 0 && dot < name.length() - 1) {
                structure.add("attach:" + name.substring(dot + 1).toLowerCase(Locale.ROOT));
            }
            if (attachments == AttachmentReader.NONE || !AttachmentReader.isDocument(type, name)
                || attachmentsRead >= MAX_ATTACHMENTS_READ) {
                return;
            }
            byte[] content;
            try (InputStream in = part.getInputStream()) {
                content = in.readNBytes(MAX_ATTACHMENT_BYTES + 1);
            }
            if (content.length > MAX_ATTACHMENT_BYTES) {
                structure.add("attach-too-large");
                return;
            }
            attachmentsRead++;
            attachments.text(type, name, content).ifPresent(text -> {
                structure.add("attach-text");
                body.append(text, 0, Math.min(text.length(), MAX_ATTACHMENT_CHARS)).append('\n');
            });
        }
    }

    private static void text(Part part, String type, StringBuilder body, List<String> structure)
        throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readNBytes(MAX_PART_BYTES);
        }
        String declared = new ContentType(part.getContentType()).getParameter("charset");
        CharsetDecoding.Decoded decoded = CharsetDecoding.decode(bytes, declared);
        structure.add(type);
        structure.add("charset:" + decoded.charset().name().toLowerCase(Locale.ROOT));
        if (decoded.labelLied()) {
            structure.add("charset-lied");
        }
        String text = decoded.text();
        if (type.equals("text/html")) {
            body.append(urlsOnly(text)).append(' ');
            text = htmlToText(text);
        }
        body.append(text).append('\n');
    }

    static String htmlToText(String html) {
        String noScripts = SCRIPT.matcher(html).replaceAll(" ");
        return TAG.matcher(noScripts).replaceAll(" ").replace("&nbsp;", " ").replace("&amp;", "&")
            .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
    }

    /** The links of an HTML part, which tag stripping would lose, as plain "http://host" text. */
    private static String urlsOnly(String html) {
        StringBuilder urls = new StringBuilder();
        for (String host : UrlHosts.of(html)) {
            urls.append("http://").append(host).append(' ');
        }
        return urls.toString();
    }

    private static List<String> received(MimeMessage message) throws MessagingException {
        List<String> hosts = new ArrayList<>();
        String[] values = message.getHeader("Received");
        if (values != null) {
            for (int i = 0; i < values.length && i < 10; i++) {
                Matcher m = RECEIVED_FROM.matcher(values[i]);
                if (m.find()) {
                    hosts.add(m.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return hosts;
    }

    /** All values of a header, joined, as {@link HeaderText} decodes them. */
    static String header(MimeMessage message, String name) {
        try {
            String raw = message.getHeader(name, " ");
            return raw == null ? "" : HeaderText.decode(raw);
        } catch (MessagingException | RuntimeException e) {
            return "";
        }
    }

    private static String fileName(Part part) {
        try {
            String name = part.getFileName();
            return name == null ? "" : MimeUtility.decodeText(name);
        } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
            return "";
        }
    }

    private static String baseType(Part part) throws MessagingException {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return "text/plain";
        }
    }

    private static byte[] skipMboxLine(byte[] raw) {
        if (raw.length > 5 && raw[0] == 'F' && raw[1] == 'r' && raw[2] == 'o' && raw[3] == 'm' && raw[4] == ' ') {
            int eol = 0;
            while (eol < raw.length && raw[eol] != '\n') {
                eol++;
            }
            ByteArrayOutputStream rest = new ByteArrayOutputStream(raw.length);
            rest.write(raw, Math.min(eol + 1, raw.length), raw.length - Math.min(eol + 1, raw.length));
            return rest.toByteArray();
        }
        return raw;
    }
}
