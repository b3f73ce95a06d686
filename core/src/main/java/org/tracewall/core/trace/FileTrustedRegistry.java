package org.tracewall.core.trace;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tracewall.core.config.ReloadingFile;

/**
 * A registry file, re-read when it changes. An entry covers the domain and its subdomains;
 * the most specific entry wins.
 *
 * <pre>
 * # domain         trusted|untrusted
 * bank.example     trusted
 * spam.example     untrusted
 * </pre>
 */
public final class FileTrustedRegistry implements TrustedRegistry {
    private final ReloadingFile<Map<String, Answer>> file;

    public FileTrustedRegistry(Path path) {
        this.file = new ReloadingFile<>(path, FileTrustedRegistry::parse, Map.of());
    }

    @Override
    public Answer lookup(String domain) {
        return DomainEntries.mostSpecific(file.current(), domain).orElse(Answer.UNLISTED);
    }

    @Override
    public String describe() {
        return "file " + file.path().getFileName();
    }

    public List<String> problems() {
        return file.problems();
    }

    private static Map<String, Answer> parse(List<String> lines, List<String> problems) {
        Map<String, Answer> entries = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = ReloadingFile.fields(lines.get(i));
            if (fields.length == 0) {
                continue;
            }
            String verdict = fields.length > 1 ? fields[1].toLowerCase(Locale.ROOT) : "trusted";
            if (fields.length > 2 || !(verdict.equals("trusted") || verdict.equals("untrusted"))) {
                problems.add("line " + (i + 1) + ": expected 'domain [trusted|untrusted]'");
                continue;
            }
            entries.put(fields[0].toLowerCase(Locale.ROOT), verdict.equals("trusted") ? Answer.TRUSTED : Answer.UNTRUSTED);
        }
        return entries;
    }
}
