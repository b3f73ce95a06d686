package org.tracewall.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A line-oriented configuration file that is parsed again when it changes (modification time
 * or size), so operators edit lists at run time without a restart. Bad lines are reported
 * with their line number and skipped; the rest of the file still applies.
 *
 * @param <T> the parsed content
 */
public final class ReloadingFile<T> {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReloadingFile.class);

    /** Parses the file's lines; bad lines go to {@code problems} as "line N: why". */
    public interface Parser<T> {
        T parse(List<String> lines, List<String> problems);
    }

    private final Path path;
    private final Parser<T> parser;
    private final T empty;
    private Stamp stamp;
    private T current;
    private List<String> problems = List.of();

    public ReloadingFile(Path path, Parser<T> parser, T empty) {
        this.path = Objects.requireNonNull(path, "path");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.empty = empty;
        this.current = empty;
    }

    public Path path() {
        return path;
    }

    /** The content as of now, re-read if the file changed since the last call. */
    public synchronized T current() {
        Stamp now = Stamp.of(path);
        if (!now.equals(stamp)) {
            stamp = now;
            reload(now);
        }
        return current;
    }

    /** Problems found by the last parse ("line 3: bad network '300.1.2.3/24'"). */
    public synchronized List<String> problems() {
        current();
        return problems;
    }

    private void reload(Stamp now) {
        if (!now.exists) {
            current = empty;
            problems = List.of();
            return;
        }
        try {
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            List<String> found = new ArrayList<>();
            current = parser.parse(lines, found);
            problems = List.copyOf(found);
            for (String problem : found) {
                LOGGER.warn("{}: {} (line ignored)", path, problem);
            }
        } catch (IOException e) {
            LOGGER.warn("Cannot read {}: {}; keeping the previous content", path, e.toString());
        }
    }

    /** Splits a line into whitespace-separated fields, dropping a '#' comment; empty for blank lines. */
    public static String[] fields(String line) {
        int hash = line.indexOf('#');
        String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
        return content.isEmpty() ? new String[0] : content.split("\\s+");
    }

    private static final class Stamp {
        private final boolean exists;
        private final long modified;
        private final long size;

        private Stamp(boolean exists, long modified, long size) {
            this.exists = exists;
            this.modified = modified;
            this.size = size;
        }

        static Stamp of(Path path) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                return new Stamp(true, attributes.lastModifiedTime().toMillis(), attributes.size());
            } catch (NoSuchFileException e) {
                return new Stamp(false, 0, 0);
            } catch (IOException e) {
                return new Stamp(false, -1, -1);
            }
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Stamp)) {
                return false;
            }
            Stamp other = (Stamp) o;
            return exists == other.exists && modified == other.modified && size == other.size;
        }

        @Override
        public int hashCode() {
            return Objects.hash(exists, modified, size);
        }
    }
}
