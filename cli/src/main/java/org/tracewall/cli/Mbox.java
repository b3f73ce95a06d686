package org.tracewall.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * mbox files (mboxo and mboxrd, as Thunderbird, mutt and Dovecot export them): messages separated
 * by lines that start with "From ". Indexed in one streaming pass (offsets only, so a mailbox of
 * gigabytes costs no memory); a message is read on demand, without its "From " line and with
 * "&gt;From " unquoted. A message is read up to {@value #MAX_MESSAGE} bytes: the classifier reads
 * no more anyway.
 */
final class Mbox {
    static final int MAX_MESSAGE = 16 * 1024 * 1024;
    private static final byte[] FROM = "From ".getBytes(StandardCharsets.US_ASCII);

    private Mbox() {
    }

    static boolean isMbox(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(FROM.length), FROM);
        }
    }

    /** [offset, length] of each message, "From " line included. */
    static List<long[]> index(Path file) throws IOException {
        List<long[]> messages = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            long position = 0;
            long start = -1;
            boolean lineStart = true;
            int matched = 0;
            int b;
            while ((b = in.read()) != -1) {
                if (lineStart || matched > 0) {
                    if (b == FROM[matched]) {
                        matched++;
                        if (matched == FROM.length) {
                            long lineOffset = position - FROM.length + 1;
                            if (start >= 0) {
                                messages.add(new long[] {start, lineOffset - start});
                            }
                            start = lineOffset;
                            matched = 0;
                        }
                    } else {
                        matched = 0;
                    }
                }
                lineStart = b == '\n';
                position++;
            }
            if (start >= 0) {
                messages.add(new long[] {start, position - start});
            }
        }
        return messages;
    }

    static byte[] read(Path file, long offset, long length) throws IOException {
        int size = (int) Math.min(length, MAX_MESSAGE);
        ByteBuffer buffer = ByteBuffer.allocate(size);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
                // read until full or end of file
            }
        }
        return unquote(buffer.array(), buffer.position());
    }

    /** Drops the "From " separator line and turns "&gt;From " / "&gt;&gt;From " back into one level less. */
    private static byte[] unquote(byte[] raw, int size) {
        int i = 0;
        while (i < size && raw[i] != '\n') {
            i++;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        boolean lineStart = true;
        for (i = i + 1; i < size; i++) {
            if (lineStart && raw[i] == '>' && isQuotedFrom(raw, i, size)) {
                lineStart = false;
                continue;
            }
            out.write(raw[i]);
            lineStart = raw[i] == '\n';
        }
        return out.toByteArray();
    }

    private static boolean isQuotedFrom(byte[] raw, int i, int size) {
        int j = i;
        while (j < size && raw[j] == '>') {
            j++;
        }
        if (j + FROM.length > size) {
            return false;
        }
        for (int k = 0; k < FROM.length; k++) {
            if (raw[j + k] != FROM[k]) {
                return false;
            }
        }
        return true;
    }
}
